import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
	const folder = process.env.FS_PROV_TEST_TMP;
	if (folder) rmSync(folder, { recursive: true, force: true });
}
