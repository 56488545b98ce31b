import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function sourceFiles(dir: string): string[] {
	return readdirSync(join(root, dir)).flatMap((name) => {
		const path = join(dir, name);
		return statSync(join(root, path)).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
	});
}

describe('the published package', () => {
	it('packs only dist/, README.md, LICENSE and package.json, with no runtime dependencies', () => {
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
		) as Array<{ files: Array<{ path: string }> }>;
		const paths = packed.files.map((file) => file.path);
		expect(paths.filter((path) => !path.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
		expect(packageJson.dependencies).toBeUndefined();
		expect(Object.keys(packageJson.peerDependencies)).toEqual(['n8n-workflow']);
	});

	it("lists built files that exist, and the node's and credential's type names are what workflows use", () => {
		for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
			expect(existsSync(join(root, file))).toBe(true);
		}
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.n8n.n8nNodesApiVersion).toBe(1);
	});

	it("keeps eslint.config.mjs exactly @n8n/node-cli's default, as n8n's strict mode requires", () => {
		const template = readFileSync(
			join(root, 'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs'),
			'utf8',
		);
		const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
		expect(normalize(readFileSync(join(root, 'eslint.config.mjs'), 'utf8'))).toBe(normalize(template));
		expect(packageJson.n8n.strict).toBe(true);
	});

	it('ships no console output, no deprecated request helpers and no direct axios', () => {
		const shipped = [...sourceFiles('nodes'), ...sourceFiles('credentials')];
		expect(shipped.length).toBeGreaterThan(10);
		for (const file of shipped) {
			const text = readFileSync(join(root, file), 'utf8');
			expect({ file, hits: text.match(/console\.|helpers\.request\(|requestWithAuthentication\(|from 'axios'|require\('axios'\)/g) }).toEqual({
				file,
				hits: null,
			});
		}
	});
});
