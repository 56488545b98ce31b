import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes its config into $N8N_USER_FOLDER/.n8n; keep every test run out of the real home folder.
if (!process.env.N8N_USER_FOLDER?.startsWith(tmpdir())) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'fs-prov-n8n-'));
}
