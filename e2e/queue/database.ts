/**
 * The one database n8n's main process and workers share, and reading n8n's execution records from it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runOrThrow } from '../../scripts/lib/proc';
import type { N8nRuntime } from '../../scripts/lib/runtime';

/** One row of n8n's execution_entity table. n8n records no worker there: see workerExecutions(). */
export interface ExecutionRecord {
	id: number;
	workflowId: string;
	mode: string;
	status: string;
	finished: boolean;
	startedAt: string | null;
	stoppedAt: string | null;
}

export interface SharedDatabase {
	kind: 'sqlite';
	/** What every n8n process needs in its environment to use this database. */
	env: Record<string, string>;
	describe: string;
	/** n8n's execution records with an id above `afterId`, oldest first. */
	executions(afterId?: number): Promise<ExecutionRecord[]>;
}

/**
 * Reads SQLite with the Node that runs n8n (Node 24 ships node:sqlite), so the suite needs no
 * sqlite3 binary. WAL mode lets this reader run beside n8n's writers.
 */
const SQLITE_READER = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1]);
db.exec('PRAGMA busy_timeout = 5000');
const rows = db.prepare('SELECT id, workflowId, mode, status, finished, startedAt, stoppedAt FROM execution_entity WHERE id > ? ORDER BY id').all(Number(process.argv[2]));
process.stdout.write(JSON.stringify(rows));
`;

/** One SQLite file, opened by every n8n process through DB_SQLITE_DATABASE (an absolute path). */
export function sharedSqlite(runtime: N8nRuntime, dir: string): SharedDatabase {
	mkdirSync(dir, { recursive: true });
	const file = path.join(dir, 'database.sqlite');
	return {
		kind: 'sqlite',
		env: { DB_TYPE: 'sqlite', DB_SQLITE_DATABASE: file },
		describe: `SQLite ${file}`,
		async executions(afterId = 0) {
			const result = await runOrThrow(runtime.nodeBin, ['--no-warnings', '-e', SQLITE_READER, file, String(afterId)]);
			const rows = JSON.parse(result.stdout) as Array<Omit<ExecutionRecord, 'finished'> & { finished: number }>;
			return rows.map((row) => ({ ...row, id: Number(row.id), finished: Boolean(row.finished) }));
		},
	};
}
