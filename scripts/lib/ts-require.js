// Lets repository scripts (the demo HRIS, benches) require the TypeScript sources of test servers
// directly: a require hook that transpiles .ts with the project's TypeScript (no type check, CommonJS).
'use strict';
const fs = require('fs');
const ts = require('typescript');

if (!require.extensions['.ts']) {
	require.extensions['.ts'] = (module, filename) => {
		const source = fs.readFileSync(filename, 'utf8');
		const { outputText } = ts.transpileModule(source, {
			fileName: filename,
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2022,
				esModuleInterop: true,
				resolveJsonModule: true,
				sourceMap: false,
			},
		});
		module._compile(outputText, filename);
	};
}
