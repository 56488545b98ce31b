/**
 * `npx tsx e2e/editor/main.ts`: the editor check on its own. Builds and packs the package, starts
 * the simulator's demo tenant and a fresh n8n 2.x with the package installed as a community
 * package, then drives the editor in Chromium (see check.ts) and writes the screenshots.
 *
 * Options:
 *   --login             create the owner through n8n's API first, so the check signs in through
 *                       the sign-in form instead of setting the owner up in the UI
 *   --screenshots DIR   where the screenshots go (default docs/screenshots)
 *   --keep              keep the n8n user folder and artifacts (kept anyway when the check fails)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { N8nInstance } from '../../scripts/lib/n8n-instance';
import { buildAndPack, REPO_ROOT } from '../../scripts/lib/package';
import { ensureN8n } from '../../scripts/lib/runtime';
import { startSimulator } from '../../simulator';
import { EditorCheckFailure, runEditorCheck } from './check';

interface Args {
	login: boolean;
	keep: boolean;
	screenshotsDir: string;
}

function parseArgs(argv: string[]): Args {
	const args: Args = { login: false, keep: false, screenshotsDir: path.join(REPO_ROOT, 'docs', 'screenshots') };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--login') args.login = true;
		else if (argv[i] === '--keep') args.keep = true;
		else if (argv[i] === '--screenshots' && argv[i + 1]) args.screenshotsDir = path.resolve(argv[++i]);
		else throw new Error(`Unknown option ${argv[i]}`);
	}
	return args;
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const workRoot = mkdtempSync(path.join(tmpdir(), 'fs-prov-editor-'));
	const log = (line: string) => console.log(line);

	const [runtime, tarball] = await Promise.all([
		ensureN8n('v2', (line) => log(`  ${line}`)),
		buildAndPack(path.join(workRoot, 'package'), log),
	]);
	const simulator = await startSimulator({ port: 0, demo: true });
	const instance = N8nInstance.create(runtime, path.join(workRoot, 'n8n-user'), { fresh: true });
	let failed = true;
	try {
		await instance.installPackageTarball(tarball);
		log(`Starting n8n ${runtime.n8nVersion} (Node ${runtime.nodeVersion})`);
		const url = await instance.start();
		const owner = args.login ? await instance.ensureOwner() : undefined;
		const upAfter = (Date.now() - started) / 1000;
		log(`n8n is up at ${url} after ${upAfter.toFixed(0)} s; simulator at ${simulator.url}`);

		const report = await runEditorCheck(instance, simulator, {
			owner,
			screenshotsDir: args.screenshotsDir,
			artifactsDir: path.join(workRoot, 'artifacts'),
			log,
		});
		failed = false;
		log(`\nEditor check passed in ${report.seconds.toFixed(1)} s (owner ${report.ownerCreatedInUi ? 'set up in the UI' : 'signed in'}).`);
		for (const file of report.screenshots) log(`  screenshot ${path.relative(process.cwd(), file)}`);
		return 0;
	} catch (error) {
		if (error instanceof EditorCheckFailure) console.error(`\n${error.message}`);
		else console.error(`\nEditor check could not run: ${(error as Error).stack ?? error}`);
		console.error(`n8n log: ${instance.logFile}`);
		return 1;
	} finally {
		await instance.stop().catch((error: Error) => console.error(error.message));
		await simulator.close();
		if (failed || args.keep) log(`Kept ${workRoot}`);
		else rmSync(workRoot, { recursive: true, force: true });
		log(`Took ${Math.round((Date.now() - started) / 1000)} s in all.`);
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(error.stack ?? error.message);
		process.exit(1);
	},
);
