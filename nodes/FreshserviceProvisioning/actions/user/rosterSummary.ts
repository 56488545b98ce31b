/** Sync Roster's summary: the counts of the run, on the node's Summary output. */

import type { IDataObject } from 'n8n-workflow';

export interface SyncSummary {
	dryRun: boolean;
	matchBy: string;
	/** Roster rows (input items). */
	people: number;
	/** Outcomes by `provisioning.action`, deactivations and failures included. */
	actions: Record<string, number>;
	failed: number;
	deprovisioning?: { scope: string; inScope: number; deactivated: number; agentsLeftAlone: number } | { skipped: string };
	/** Deactivated users this run reactivated (limited by the reactivation safety limit). */
	reactivations: number;
	listed: { requesters: number; agents: number };
	/** Requests sent to Freshservice, retries included. */
	requests: number;
	durationMs: number;
	failures: Array<{ item?: number; email?: string; error: string }>;
}

/** The outcomes of the run as they come, for the summary. */
export class Tally {
	readonly actions: Record<string, number> = {};
	readonly failures: SyncSummary['failures'] = [];

	done(json: IDataObject): void {
		const action = String((json.provisioning as IDataObject).action);
		this.actions[action] = (this.actions[action] ?? 0) + 1;
	}

	failed(error: unknown, who: { item?: number; email?: unknown }): void {
		this.actions.failed = (this.actions.failed ?? 0) + 1;
		this.failures.push({
			...(who.item === undefined ? {} : { item: who.item }),
			...(typeof who.email === 'string' ? { email: who.email } : {}),
			error: error instanceof Error ? error.message : String(error),
		});
	}
}
