// Item 10: the SQLite BEM file is created 0600 in a folder created 0700 (a local user reads nothing);
// an existing file that others may read is used, with a warning that says what to do.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { openBemStore } from '../../core';
import { KEY } from '../store/backends';

const root = mkdtempSync(join(tmpdir(), 'bem-mode-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const mode = (p: string) => statSync(p).mode & 0o777;

describe('SQLite BEM file permissions', () => {
	it('creates the folder 0700 and the file (with its WAL) 0600', async () => {
		const dir = join(root, 'new', 'bem');
		const path = join(dir, 'bem.sqlite');
		const store = await openBemStore({
			kind: 'sqlite',
			path,
			encryptionKey: KEY,
			roles: { a: ['bem_officer'] },
		});
		await store.openCase({
			employeeId: 'E1',
			reachedOn: '2026-01-05',
			reason: 'continuous',
			on: '2026-01-06',
			actor: 'a',
		});
		expect(mode(dir)).toBe(0o700);
		expect(mode(path)).toBe(0o600);
		expect(mode(`${path}-wal`)).toBe(0o600);
		await store.close();
	});

	it('warns when an existing file is wider, and opens it', async () => {
		const path = join(root, 'wide.sqlite');
		writeFileSync(path, '');
		chmodSync(path, 0o644);
		const warnings: unknown[] = [];
		const warn = jest.spyOn(console, 'warn').mockImplementation((m) => warnings.push(m));
		try {
			const store = await openBemStore({ kind: 'sqlite', path, encryptionKey: KEY });
			await store.close();
		} finally {
			warn.mockRestore();
		}
		expect(warnings).toEqual([
			`The BEM store file ${path} is readable or writable by others (mode 0644): restrict it with chmod 600`,
		]);
	});
});
