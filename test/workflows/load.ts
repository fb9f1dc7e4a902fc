import * as fs from 'fs';
import * as path from 'path';

import type { WorkflowJson } from '../harness/run';

/** A shipped workflow as committed in workflows/ (the file users import). */
export function buildWorkflow(file: string): WorkflowJson {
	return JSON.parse(
		fs.readFileSync(path.resolve(__dirname, '../../workflows', file), 'utf8'),
	) as WorkflowJson;
}
