import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Linux keeps the process's peak RSS (VmHWM) and lets it be reset, which catches peaks that RSS
 * samples miss (the end of a run is synchronous work). Elsewhere: undefined, and samples only.
 */
export function resetHighWaterMark(): (() => number) | undefined {
	try {
		writeFileSync('/proc/self/clear_refs', '5');
		const read = () => Number(/VmHWM:\s+(\d+)\s*kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
		return read() > 0 ? read : undefined;
	} catch {
		return undefined;
	}
}
