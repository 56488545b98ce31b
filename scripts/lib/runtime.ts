/**
 * The n8n runtimes the tooling runs the package in, installed once into a cache outside the repo.
 *
 * n8n 2.x needs Node 24 and n8n 1.x's isolated-vm needs Node 22, while the system Node is 20, so
 * each flavour gets its own Node from the registry package that ships the binary and headers
 * (`node-<platform>-<arch>`, the package the `node` meta-package installs). n8n is installed with
 * --ignore-scripts because one optional dependency downloads from the internet at install time;
 * the two native modules n8n needs are then rebuilt from source against that Node's headers.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { withLock } from './lock';
import { runOrThrow } from './proc';

export type Flavour = 'v2' | 'v1';

/** The one place the runtime versions are pinned. */
export const RUNTIME_VERSIONS: Record<Flavour, { n8n: string; node: string; overrides?: Record<string, string> }> = {
	v2: { n8n: '2.40.7', node: '24.22.3' },
	// n8n 1.x depends on xlsx through a tarball URL outside the registry; 0.18.5 is the registry's newest.
	v1: { n8n: '1.123.81', node: '22.23.5', overrides: { xlsx: '0.18.5' } },
};

const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];

export interface N8nRuntime {
	flavour: Flavour;
	n8nVersion: string;
	nodeVersion: string;
	/** The Node binary to run n8n with. */
	nodeBin: string;
	/** n8n's bin script; run it as `<nodeBin> <n8nBin> ...`. */
	n8nBin: string;
	/** PATH with this Node first, for child processes n8n starts (npm installs of community packages). */
	pathEnv: string;
}

export function cacheDir(): string {
	return process.env.FS_PROV_CACHE_DIR || path.join(homedir(), '.cache', 'n8n-nodes-freshservice-provisioning');
}

function nodePackageName(): string {
	return `node-${process.platform}-${process.arch}`;
}

function describe(flavour: Flavour): string {
	const v = RUNTIME_VERSIONS[flavour];
	return `n8n ${v.n8n} on Node ${v.node}`;
}

function runtimeFor(flavour: Flavour, root: string): N8nRuntime {
	const versions = RUNTIME_VERSIONS[flavour];
	const nodeRoot = path.join(root, 'node', 'node_modules', nodePackageName());
	const nodeBin = path.join(nodeRoot, 'bin', 'node');
	return {
		flavour,
		n8nVersion: versions.n8n,
		nodeVersion: versions.node,
		nodeBin,
		n8nBin: path.join(root, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
		pathEnv: [path.dirname(nodeBin), process.env.PATH ?? ''].join(path.delimiter),
	};
}

/** Returns the cached runtime for a flavour, installing it first if the cache lacks it. */
export async function ensureN8n(flavour: Flavour, log: (line: string) => void = console.log): Promise<N8nRuntime> {
	const root = path.join(cacheDir(), `runtime-${flavour}`);
	const marker = path.join(root, 'ready.json');
	const wanted = JSON.stringify({ ...RUNTIME_VERSIONS[flavour], nodePackage: nodePackageName() });
	const isReady = () => existsSync(marker) && readFileSync(marker, 'utf8') === wanted;
	if (isReady()) return runtimeFor(flavour, root);

	mkdirSync(cacheDir(), { recursive: true });
	await withLock(path.join(cacheDir(), `runtime-${flavour}.lock`), log, async () => {
		if (isReady()) return; // another run installed it while we waited
		const started = Date.now();
		log(`Installing ${describe(flavour)} into ${root}`);
		log('  (first run only: this takes several minutes; later runs reuse the cache)');
		const heartbeat = setInterval(() => {
			log(`  ...still installing ${describe(flavour)} (${Math.round((Date.now() - started) / 1000)} s)`);
		}, 30_000);
		try {
			await install(flavour, root);
		} finally {
			clearInterval(heartbeat);
		}
		writeFileSync(marker, wanted);
		log(`Installed ${describe(flavour)} in ${Math.round((Date.now() - started) / 1000)} s`);
	});
	return runtimeFor(flavour, root);
}

async function install(flavour: Flavour, root: string): Promise<void> {
	const versions = RUNTIME_VERSIONS[flavour];
	rmSync(root, { recursive: true, force: true });
	const nodeProject = path.join(root, 'node');
	const n8nProject = path.join(root, 'n8n');
	mkdirSync(nodeProject, { recursive: true });
	mkdirSync(n8nProject, { recursive: true });
	const logFile = path.join(root, 'install.log');
	const npmFlags = ['--no-audit', '--no-fund', '--loglevel=error'];

	writeFileSync(
		path.join(nodeProject, 'package.json'),
		JSON.stringify({ private: true, dependencies: { [nodePackageName()]: versions.node } }, null, 2),
	);
	await runOrThrow('npm', ['install', ...npmFlags], { cwd: nodeProject, logFile });

	const runtime = runtimeFor(flavour, root);
	const nodeHeadersRoot = path.dirname(path.dirname(runtime.nodeBin));
	const env = {
		...process.env,
		PATH: runtime.pathEnv,
		// node-gyp reads include/node/ below this directory; the registry package ships the headers.
		npm_config_nodedir: nodeHeadersRoot,
		// No prebuilt-binary downloads: there is no internet here, so compile from source straight away.
		npm_config_build_from_source: 'true',
	};

	writeFileSync(
		path.join(n8nProject, 'package.json'),
		JSON.stringify(
			{
				private: true,
				dependencies: { n8n: versions.n8n },
				...(versions.overrides ? { overrides: versions.overrides } : {}),
				allowScripts: Object.fromEntries(NATIVE_MODULES.map((name) => [name, true])),
			},
			null,
			2,
		),
	);
	await runOrThrow('npm', ['install', '--ignore-scripts', ...npmFlags], { cwd: n8nProject, env, logFile });
	await runOrThrow('npm', ['rebuild', ...NATIVE_MODULES, ...npmFlags], { cwd: n8nProject, env, logFile });
	const probe = NATIVE_MODULES.map((name) => `require(${JSON.stringify(name)})`).join(';');
	await runOrThrow(runtime.nodeBin, ['-e', probe], { cwd: n8nProject, env, logFile });
}
