// openapi-backend requires the ESM-only @apidevtools/json-schema-ref-parser, which jest cannot load.
// The Personio contract check (test/hris/personio/contract.ts) passes an object definition in quick
// mode: parsing an object returns it, dereferencing happens synchronously elsewhere. Anything that
// would need the real parser (files, URLs, external $refs) fails loudly.
const unavailable = () => {
	throw new Error(
		'json-schema-ref-parser is stubbed in jest: pass openapi-backend an object definition with quick: true',
	);
};
const parse = async (doc) => {
	if (doc !== null && typeof doc === 'object') return doc;
	return unavailable();
};
module.exports = {
	__esModule: true,
	default: { dereference: unavailable, resolve: unavailable, parse },
};
