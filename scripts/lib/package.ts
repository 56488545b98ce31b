import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runOrThrow } from './proc';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Builds the package (`npm run build`) and packs it as npm would publish it; returns the tarball's path. */
export async function buildAndPack(outDir: string, log: (line: string) => void = console.log): Promise<string> {
	log('Building the package (npm run build)...');
	await runOrThrow('npm', ['run', 'build'], { cwd: REPO_ROOT });
	mkdirSync(outDir, { recursive: true });
	const packed = await runOrThrow('npm', ['pack', '--json', `--pack-destination=${outDir}`], { cwd: REPO_ROOT });
	const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
	return path.join(outDir, filename);
}
