/**
 * Jest's own order (what failed last time, then the longest known, then the largest file), except
 * that files marked `@waits` in their opening comment start first, then those marked `@slow`.
 * A `@waits` file spends most of its time waiting on real clocks (retry budgets, backoff,
 * rate-limit waits), so started early its waits overlap the CPU-bound files; a `@slow` file is a
 * long CPU-bound one that would otherwise end the run alone. On a clean clone, where jest knows no
 * durations, both would start by size: late.
 */
const { readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/** Whether a test file's opening comment has a line starting with `@<tag>`. */
function marked(file, tag) {
	const opening = /^\/\*\*[\s\S]*?\*\//.exec(readFileSync(file, 'utf8'));
	return opening !== null && new RegExp(`^\\s*\\*\\s*@${tag}\\b`, 'm').test(opening[0]);
}

const waits = (file) => marked(file, 'waits');
const slow = (file) => marked(file, 'slow');

/** The test files under `dir` marked `@waits`. */
function waitingFiles(dir) {
	return readdirSync(dir, { recursive: true })
		.filter((name) => name.endsWith('.test.ts'))
		.map((name) => path.join(dir, name))
		.filter(waits);
}

class MarkedFirstSequencer extends Sequencer {
	async sort(tests) {
		const sorted = await super.sort(tests);
		const rank = (test) => (waits(test.path) ? 0 : slow(test.path) ? 1 : 2);
		return [0, 1, 2].flatMap((group) => sorted.filter((test) => rank(test) === group));
	}
}

module.exports = MarkedFirstSequencer;
module.exports.waitingFiles = waitingFiles;
