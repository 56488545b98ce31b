import { readFileSync } from 'node:fs';
import { chromium, selectors } from 'playwright-core';
async function main() {
	selectors.setTestIdAttribute('data-test-id');
	const browser = await chromium.connectOverCDP('http://127.0.0.1:9333');
	const context = browser.contexts()[0];
	const page = context.pages()[0] ?? (await context.newPage());
	await page.setViewportSize({ width: 1280, height: 800 });
	page.setDefaultTimeout(8000);
	const info = JSON.parse(readFileSync('/tmp/editor-explore/info.json', 'utf8'));
	const code = readFileSync(0, 'utf8');
	const fn = new (Object.getPrototypeOf(async function () {}).constructor)('page', 'info', code);
	try { const r = await fn(page, info); if (r !== undefined) console.log(typeof r === 'string' ? r : JSON.stringify(r, null, 1)); }
	catch (e) { console.log('ERROR', (e as Error).message.split('\n').slice(0, 12).join('\n')); }
	await page.screenshot({ path: '/tmp/explore.png' });
	await browser.close().catch(() => {});
}
void main();
