import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One temporary folder for the whole run (each jest worker gets its own n8n user folder inside it,
 * see setup-env.ts); global-teardown.ts removes it. Jest starts its workers after this, so they
 * inherit the variable.
 */
export default function globalSetup(): void {
	process.env.FS_PROV_TEST_TMP = mkdtempSync(join(tmpdir(), 'fs-prov-n8n-'));
}
