/**
 * The one database n8n's main process and workers share, and reading n8n's execution records from it.
 *
 * PostgreSQL by default: with one SQLite file shared by three processes, n8n's writes collide
 * ("SQLITE_BUSY: database is locked") often enough to fail an execution in a burst. SQLite stays
 * selectable (--db sqlite) to measure that again.
 */
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../scripts/lib/net';
import { run, runOrThrow } from '../../scripts/lib/proc';
import type { N8nRuntime } from '../../scripts/lib/runtime';
import type { ProcessSet } from './processes';

export type DatabaseKind = 'postgres' | 'sqlite';

/** One row of n8n's execution_entity table. n8n records no worker there: see QueueCluster.workerOfExecutions(). */
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
	kind: DatabaseKind;
	/** What every n8n process needs in its environment to use this database. */
	env: Record<string, string>;
	describe: string;
	/** n8n's execution records with an id above `afterId`, oldest first. */
	executions(afterId?: number): Promise<ExecutionRecord[]>;
	/** Everything the database holds (every table, execution data included), to search for what must not be stored. */
	dump(): Promise<Buffer>;
	/** An execution's run data as n8n stores it (its `flatted` serialisation), if it kept any. */
	executionData(id: number): Promise<string | undefined>;
}

const EXECUTION_COLUMNS = ['id', 'workflowId', 'mode', 'status', 'finished', 'startedAt', 'stoppedAt'];

type RawRecord = Omit<ExecutionRecord, 'finished' | 'id'> & { id: number | string; finished: number | boolean };

function toRecords(rows: RawRecord[]): ExecutionRecord[] {
	return rows.map((row) => ({ ...row, id: Number(row.id), finished: Boolean(row.finished) }));
}

/**
 * Reads SQLite with the Node that runs n8n (Node 24 ships node:sqlite), so the suite needs no
 * sqlite3 binary. WAL mode lets this reader run beside n8n's writers.
 */
const SQLITE_READER = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1]);
db.exec('PRAGMA busy_timeout = 5000');
const rows = process.argv[2] === 'data'
	? db.prepare('SELECT data FROM execution_data WHERE executionId = ?').all(Number(process.argv[3]))
	: db.prepare('SELECT ${EXECUTION_COLUMNS.join(', ')} FROM execution_entity WHERE id > ? ORDER BY id').all(Number(process.argv[3]));
process.stdout.write(JSON.stringify(rows));
`;

/** One SQLite file, opened by every n8n process through DB_SQLITE_DATABASE (an absolute path). */
export function sharedSqlite(runtime: N8nRuntime, dir: string): SharedDatabase {
	mkdirSync(dir, { recursive: true });
	const file = path.join(dir, 'database.sqlite');
	return {
		kind: 'sqlite',
		env: { DB_TYPE: 'sqlite', DB_SQLITE_DATABASE: file },
		describe: `SQLite ${file}, shared by every process`,
		async executions(afterId = 0) {
			const result = await runOrThrow(runtime.nodeBin, ['--no-warnings', '-e', SQLITE_READER, file, 'executions', String(afterId)]);
			return toRecords(JSON.parse(result.stdout) as RawRecord[]);
		},
		async executionData(id) {
			const result = await runOrThrow(runtime.nodeBin, ['--no-warnings', '-e', SQLITE_READER, file, 'data', String(id)]);
			return (JSON.parse(result.stdout) as Array<{ data: string }>)[0]?.data;
		},
		// The raw bytes, with the write-ahead log: rows not yet checkpointed count too.
		async dump() {
			const files = readdirSync(dir).filter((name) => name.startsWith('database.sqlite'));
			return Buffer.concat(files.map((name) => readFileSync(path.join(dir, name))));
		},
	};
}

const POSTGRES_ROOT = '/usr/lib/postgresql';

/** The newest PostgreSQL server binaries Debian installed, 15 on bookworm. */
function postgresBinDir(): string | undefined {
	if (!existsSync(POSTGRES_ROOT)) return undefined;
	const versions = readdirSync(POSTGRES_ROOT)
		.filter((name) => existsSync(path.join(POSTGRES_ROOT, name, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? path.join(POSTGRES_ROOT, versions[0], 'bin') : undefined;
}

/** Installs Debian's PostgreSQL server when the machine lacks it. Its own cluster is not started. */
async function ensurePostgresServer(log: (line: string) => void): Promise<string> {
	const existing = postgresBinDir();
	if (existing) return existing;
	log('Installing postgresql from Debian packages (apt-get)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = ['install', '-y', '-qq', 'postgresql'];
	if ((await run('apt-get', install, { env })).code !== 0) {
		await runOrThrow('apt-get', ['update', '-qq'], { env });
		await runOrThrow('apt-get', install, { env });
	}
	const installed = postgresBinDir();
	if (!installed) throw new Error(`apt-get installed postgresql, but no server binaries are under ${POSTGRES_ROOT}`);
	return installed;
}

/** PostgreSQL refuses to run as root: as root, run it as Debian's `postgres` user. */
async function serverAccount(): Promise<{ uid?: number; gid?: number }> {
	if (process.getuid?.() !== 0) return {};
	const uid = await runOrThrow('id', ['-u', 'postgres']);
	const gid = await runOrThrow('id', ['-g', 'postgres']);
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * A throwaway PostgreSQL cluster in `dir`, on a free loopback port, trust auth for its own
 * superuser `n8n`, durability off (fsync) since it lives for one run. As root, the server runs as
 * the `postgres` account, which must be able to reach `dir`.
 */
export async function throwawayPostgres(processes: ProcessSet, dir: string, log: (line: string) => void): Promise<SharedDatabase> {
	const bin = await ensurePostgresServer(log);
	const account = await serverAccount();
	const dataDir = path.join(dir, 'data');
	mkdirSync(dataDir, { recursive: true });
	if (account.uid !== undefined && account.gid !== undefined) {
		chownSync(dir, account.uid, account.gid);
		chownSync(dataDir, account.uid, account.gid);
	}
	const logFile = path.join(dir, 'postgres.log');
	await runOrThrow(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-sync'], {
		...account,
		cwd: dir,
		logFile,
	});
	const port = await freePort();
	const args = [
		'-D', dataDir,
		'-p', String(port),
		'-c', 'listen_addresses=127.0.0.1',
		'-c', `unix_socket_directories=${dir}`,
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
	];
	const server = processes.start('postgres', path.join(bin, 'postgres'), args, { env: process.env, cwd: dir, logFile, ...account });
	const psql = (sql: string, database = 'postgres') =>
		runOrThrow(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql]);
	const deadline = Date.now() + 30_000;
	while ((await run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n'])).code !== 0) {
		if (server.exit) throw new Error(`postgres exited (code ${server.exit.code}); see ${logFile}`);
		if (Date.now() > deadline) throw new Error(`postgres did not accept connections on port ${port} within 30 s; see ${logFile}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	await psql('CREATE DATABASE n8n');
	const columns = EXECUTION_COLUMNS.map((column) => `"${column}"`).join(', ');
	return {
		kind: 'postgres',
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
		},
		describe: `PostgreSQL ${path.basename(path.dirname(bin))} on 127.0.0.1:${port} (pid ${server.pid})`,
		async executions(afterId = 0) {
			const sql = `SELECT coalesce(json_agg(t), '[]') FROM (SELECT ${columns} FROM execution_entity WHERE id > ${Number(afterId)} ORDER BY id) t`;
			return toRecords(JSON.parse((await psql(sql, 'n8n')).stdout) as RawRecord[]);
		},
		async executionData(id) {
			const rows = JSON.parse((await psql(`SELECT coalesce(json_agg(data), '[]') FROM execution_data WHERE "executionId" = ${Number(id)}`, 'n8n')).stdout) as string[];
			return rows[0];
		},
		// Every table as SQL text: compressed values in the data files could hide a string.
		async dump() {
			const result = await runOrThrow(path.join(bin, 'pg_dump'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '--data-only', 'n8n']);
			return Buffer.from(result.stdout);
		},
	};
}
