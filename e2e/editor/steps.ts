/**
 * Runs the check step by step. A failing step throws one EditorCheckFailure naming the step, what
 * was expected and what the page showed, with a screenshot of the page at that moment.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** Thrown inside a step when the page shows something else than expected; the message says what it shows. */
export class Mismatch extends Error {
	constructor(seen: string) {
		super(seen);
		this.name = 'Mismatch';
	}
}

export class EditorCheckFailure extends Error {
	constructor(
		readonly step: string,
		readonly expected: string,
		readonly seen: string,
		readonly screenshot: string | undefined,
		readonly artifactsDir: string,
	) {
		super(
			[
				`Editor check failed at step "${step}"`,
				`  expected: ${expected}`,
				`  seen:     ${seen.split('\n').join('\n            ')}`,
				`  screenshot: ${screenshot ?? '(could not be taken)'}`,
				`  artifacts:  ${artifactsDir}`,
			].join('\n'),
		);
		this.name = 'EditorCheckFailure';
	}
}

export interface StepResult {
	name: string;
	seconds: number;
}

// Playwright colours its call log for terminals.
const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function describeError(error: unknown): string {
	if (error instanceof Mismatch) return error.message;
	const message = error instanceof Error ? error.message : String(error);
	// Playwright's "locator.click: Timeout 15000ms exceeded." plus the first lines of its call log
	// name the element it waited for, which is what a reader needs.
	return message.replace(ANSI_ESCAPE, '').split('\n').filter(Boolean).slice(0, 4).join('\n');
}

function slug(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

export class StepRunner {
	readonly results: StepResult[] = [];

	private readonly consoleLines: string[] = [];

	constructor(
		private readonly page: Page,
		private readonly artifactsDir: string,
		private readonly log: (line: string) => void,
	) {
		mkdirSync(artifactsDir, { recursive: true });
		page.on('console', (message) => {
			if (message.type() === 'error' || message.type() === 'warning') {
				this.consoleLines.push(`[${message.type()}] ${message.text()}`);
			}
		});
		page.on('pageerror', (error) => this.consoleLines.push(`[pageerror] ${error.message}`));
	}

	async run<T>(name: string, expected: string, body: () => Promise<T>): Promise<T> {
		const started = Date.now();
		this.log(`▸ ${name}`);
		try {
			const value = await body();
			const seconds = (Date.now() - started) / 1000;
			this.results.push({ name, seconds });
			this.log(`  ✓ ${name} (${seconds.toFixed(1)} s)`);
			return value;
		} catch (error) {
			const seen = `${describeError(error)}${await this.pageContext()}`;
			const screenshot = await this.failureScreenshot(name);
			writeFileSync(path.join(this.artifactsDir, 'browser-console.log'), this.consoleLines.join('\n') + '\n');
			throw new EditorCheckFailure(name, expected, seen, screenshot, this.artifactsDir);
		}
	}

	/** Where the browser was and what n8n said in its toasts, which often explains a missing element. */
	private async pageContext(): Promise<string> {
		try {
			const toasts = await this.page.locator('.el-notification').filter({ visible: true }).allInnerTexts();
			const lines = [`\npage: ${this.page.url()}`];
			for (const toast of toasts) lines.push(`n8n notification: ${toast.replace(/\s+/g, ' ').trim()}`);
			return lines.join('\n');
		} catch {
			return '';
		}
	}

	private async failureScreenshot(step: string): Promise<string | undefined> {
		const file = path.join(this.artifactsDir, `failure-${slug(step)}.png`);
		try {
			await this.page.screenshot({ path: file, timeout: 5_000 });
			return file;
		} catch {
			return undefined;
		}
	}
}
