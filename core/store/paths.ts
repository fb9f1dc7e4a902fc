import { homedir } from 'os';
import { isAbsolute, join } from 'path';

// Where the SQLite BEM file lives: '~/…' and relative paths resolve inside n8n's user folder
// (N8N_USER_FOLDER, else the home directory, as n8n itself does), so the file sits next to n8n's data.

export const defaultSqlitePath = '~/.n8n/bem/bem-store.sqlite';

export function resolveSqlitePath(
	path: string,
	env: Record<string, string | undefined> = process.env,
): string {
	const userFolder = env.N8N_USER_FOLDER || homedir();
	const p = (path || defaultSqlitePath).trim();
	if (p === '~') return userFolder;
	if (p.startsWith('~/')) return join(userFolder, p.slice(2));
	if (isAbsolute(p)) return p;
	return join(userFolder, '.n8n', p);
}
