/**
 * Debian's Chromium driven by playwright-core. The machine has no internet: without the
 * background-networking flags Chromium keeps dialling Google services and floods the log with
 * refused connections.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export const VIEWPORT = { width: 1280, height: 800 };

export interface EditorBrowser {
	page: Page;
	close(): Promise<void>;
}

/** Starts Chromium with a fresh profile and one 1280x800 page; close() also deletes the profile. */
export async function launchBrowser({ defaultTimeoutMs }: { defaultTimeoutMs: number }): Promise<EditorBrowser> {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`No Chromium at ${CHROMIUM_PATH}. Install Debian's: apt-get update && apt-get install -y chromium ` +
				'(or set CHROMIUM_PATH).',
		);
	}
	// n8n marks its elements with data-test-id, not Playwright's default data-testid.
	selectors.setTestIdAttribute('data-test-id');
	const profile = mkdtempSync(path.join(tmpdir(), 'fs-prov-chromium-'));
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM_PATH,
			args: CHROMIUM_ARGS,
			headless: true,
			viewport: VIEWPORT,
			deviceScaleFactor: 1,
		});
	} catch (error) {
		rmSync(profile, { recursive: true, force: true });
		throw error;
	}
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(defaultTimeoutMs);
	page.setDefaultNavigationTimeout(Math.max(defaultTimeoutMs, 30_000));
	return {
		page,
		close: async () => {
			await context.close().catch(() => undefined);
			rmSync(profile, { recursive: true, force: true });
		},
	};
}
