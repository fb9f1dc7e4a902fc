import * as fs from 'fs';
import * as path from 'path';

import type { WorkflowJson } from '../harness/run';

/** The shipped workflows as committed in workflows/ (the files users import). */
export const SHIPPED_WORKFLOWS = path.resolve(__dirname, '../../workflows');

/** A workflow file: a shipped one, or one of another folder (e.g. copies saved with an older node version). */
export function buildWorkflow(file: string, dir = SHIPPED_WORKFLOWS): WorkflowJson {
	return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as WorkflowJson;
}
