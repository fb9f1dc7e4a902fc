// n8n's own records of executions, read from its database (tests and the bench look at what n8n keeps):
// SQLite (one n8n, read synchronously beside the server) or PostgreSQL (queue mode).
'use strict';

/** The columns of execution_entity the tests and the bench read (the id as text: n8n's ids are numbers). */
const EXECUTION_COLUMNS = [
	'id',
	'workflowId',
	'status',
	'mode',
	'finished',
	'waitTill',
	'startedAt',
	'stoppedAt',
	'deletedAt',
];
const selectColumns = (quote) =>
	EXECUTION_COLUMNS.map((c) => (c === 'id' ? 'CAST(id AS TEXT) AS id' : quote(c))).join(', ');

/** n8n's own database, read-only, opened per call (n8n writes the SQLite file through WAL meanwhile). */
function readDb(dbFile, fn) {
	const Database = require('better-sqlite3');
	const db = new Database(dbFile, { readonly: true, fileMustExist: true });
	try {
		return fn(db);
	} finally {
		db.close();
	}
}

/** n8n's execution records (execution_entity), of one workflow or all. */
function executionRecords(dbFile, workflowId) {
	return readDb(dbFile, (db) =>
		db
			.prepare(
				`SELECT ${selectColumns((c) => c)} FROM execution_entity ${workflowId ? 'WHERE workflowId = ?' : ''} ORDER BY id`,
			)
			.all(...(workflowId ? [workflowId] : [])),
	);
}

/** The stored run data of an execution as n8n keeps it (flatted JSON text), or undefined when none is stored. */
function executionDataText(dbFile, id) {
	return readDb(dbFile, (db) =>
		db.prepare('SELECT data FROM execution_data WHERE executionId = ?').get(id),
	)?.data;
}

/** Whether an execution record has ended: a success keeping no data is soft-deleted, others carry their end. */
const executionEnded = (r) =>
	r.deletedAt !== null ||
	r.stoppedAt !== null ||
	['success', 'error', 'crashed', 'canceled'].includes(r.status);

/** One query on n8n's PostgreSQL database, on a connection of its own. */
async function pgQuery(connectionString, sql, params = []) {
	const { Client } = require('pg');
	const client = new Client({ connectionString });
	await client.connect();
	try {
		return (await client.query(sql, params)).rows;
	} finally {
		await client.end();
	}
}

/** executionRecords of an n8n on PostgreSQL (queue mode); dates as ISO strings, as the SQLite reader's callers expect text. */
async function pgExecutionRecords(connectionString, workflowId) {
	const rows = await pgQuery(
		connectionString,
		`SELECT ${selectColumns((c) => `"${c}"`)} FROM execution_entity ${workflowId ? 'WHERE "workflowId" = $1' : ''} ORDER BY id`,
		workflowId ? [workflowId] : [],
	);
	const iso = (v) => (v instanceof Date ? v.toISOString() : v);
	return rows.map((r) => ({
		...r,
		finished: r.finished ? 1 : 0,
		waitTill: iso(r.waitTill),
		startedAt: iso(r.startedAt),
		stoppedAt: iso(r.stoppedAt),
		deletedAt: iso(r.deletedAt),
	}));
}

/** executionDataText of an n8n on PostgreSQL. */
async function pgExecutionDataText(connectionString, id) {
	const rows = await pgQuery(
		connectionString,
		'SELECT data FROM execution_data WHERE "executionId" = $1',
		[Number(id)],
	);
	return rows[0]?.data;
}

module.exports = {
	executionRecords,
	executionDataText,
	executionEnded,
	pgQuery,
	pgExecutionRecords,
	pgExecutionDataText,
};
