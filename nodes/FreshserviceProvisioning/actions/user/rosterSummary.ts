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
	/** Group memberships changed (or, under Dry Run, to change): additions, removals, additions pending a group leader's approval. */
	memberships: { added: number; removed: number; pendingApproval: number };
	deprovisioning?: { scope: string; inScope: number; deactivated: number; agentsLeftAlone: number } | { skipped: string };
	/** Deactivated users this run reactivated (limited by the reactivation safety limit). */
	reactivations: number;
	listed: { requesters: number; agents: number };
	/** Requests sent to Freshservice, retries included. */
	requests: number;
	durationMs: number;
	failures: Array<{ item?: number; email?: string; error: string }>;
}

/** The `provisioning.changes` keys of group memberships. */
const MEMBERSHIP_KEYS = ['requester_groups', 'member_of', 'observer_of'] as const;

/** The outcomes of the run as they come, for the summary. */
export class Tally {
	readonly actions: Record<string, number> = {};
	readonly failures: SyncSummary['failures'] = [];
	readonly memberships: SyncSummary['memberships'] = { added: 0, removed: 0, pendingApproval: 0 };

	done(json: IDataObject): void {
		const provisioning = json.provisioning as IDataObject;
		const action = String(provisioning.action);
		this.actions[action] = (this.actions[action] ?? 0) + 1;
		const changes = (provisioning.changes ?? {}) as Record<string, { added?: unknown; removed?: unknown; pendingApproval?: unknown }>;
		for (const key of MEMBERSHIP_KEYS) {
			const change = changes[key];
			if (!change || !Array.isArray(change.added)) continue;
			this.memberships.added += change.added.length;
			this.memberships.removed += Array.isArray(change.removed) ? change.removed.length : 0;
			this.memberships.pendingApproval += Array.isArray(change.pendingApproval) ? change.pendingApproval.length : 0;
		}
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
