/**
 * Where an n8n instance keeps what it ran, read as raw bytes: its SQLite database (with the
 * write-ahead log, so rows not yet checkpointed and freed pages count too) and the log of every
 * n8n command the suite ran. A secret is "nowhere" only if no byte sequence of it is in any.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface StoredFiles {
	/** database.sqlite, database.sqlite-wal, ... */
	database: Array<{ file: string; bytes: Buffer }>;
	log: { file: string; bytes: Buffer };
}

export function readStoredFiles(n8nFolder: string, logFile: string): StoredFiles {
	const database = readdirSync(n8nFolder)
		.filter((name) => name.startsWith('database.sqlite'))
		.map((name) => ({ file: path.join(n8nFolder, name), bytes: readFileSync(path.join(n8nFolder, name)) }));
	return { database, log: { file: logFile, bytes: existsSync(logFile) ? readFileSync(logFile) : Buffer.alloc(0) } };
}

/** The files that hold this text. */
export function filesHolding(files: StoredFiles, text: string): string[] {
	return [...files.database, files.log].filter((entry) => entry.bytes.includes(text)).map((entry) => path.basename(entry.file));
}

/** What the API key can look like on the way out: as typed, and inside a Basic Authorization header. */
export function apiKeyForms(apiKey: string): string[] {
	return [apiKey, Buffer.from(`${apiKey}:X`).toString('base64')];
}
