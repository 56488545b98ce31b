// Lint for the code that does not ship: the simulator, tests, scripts, e2e suite and benchmark.
// The shipped code (credentials/, nodes/, package.json) is linted by eslint.config.mjs, which stays
// byte-for-byte @n8n/node-cli's default so that n8n's strict mode holds. Its community-node rules ban
// Node globals and built-in modules, which a test server and its tests need.
import js from '@eslint/js';
import { globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	globalIgnores(['dist', 'node_modules', 'coverage', 'credentials', 'nodes', 'e2e/artifacts', '**/*.js', '**/*.mjs']),
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
);
