// n8n's own records of executions, read from its database (tests and the bench look at what n8n keeps).
'use strict';

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
				`SELECT CAST(id AS TEXT) AS id, workflowId, status, mode, finished, waitTill, startedAt, stoppedAt, deletedAt
				 FROM execution_entity ${workflowId ? 'WHERE workflowId = ?' : ''} ORDER BY id`,
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

module.exports = { executionRecords, executionDataText, executionEnded };
