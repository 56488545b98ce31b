const path = require('node:path');
const { waitingFiles } = require('./test/sequencer');

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
	},
	globalSetup: '<rootDir>/test/global-setup.ts',
	globalTeardown: '<rootDir>/test/global-teardown.ts',
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 30000,
	// Two workers for the CPU-bound files, plus one for each file marked @waits: those start first
	// (test/sequencer.js) and mostly sleep, so their waits overlap the CPU-bound files instead of
	// holding one of the two workers.
	testSequencer: '<rootDir>/test/sequencer.js',
	maxWorkers: 2 + waitingFiles(path.join(__dirname, 'test')).length,
};
