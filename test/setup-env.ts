import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes its config into $N8N_USER_FOLDER/.n8n; keep every test run out of the real home
// folder, one folder per jest worker (two workers writing one config file could read it half-written),
// all inside the run's temporary folder that global-teardown.ts removes.
const runFolder = process.env.FS_PROV_TEST_TMP;
if (runFolder && !process.env.N8N_USER_FOLDER?.startsWith(tmpdir())) {
	process.env.N8N_USER_FOLDER = join(runFolder, `worker-${process.env.JEST_WORKER_ID ?? '1'}`);
	mkdirSync(process.env.N8N_USER_FOLDER, { recursive: true });
}
