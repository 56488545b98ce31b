/**
 * Sync Roster: every input item together is the HR roster, one person each. One listing pass
 * reads every user; the whole roster is planned against it (provisioning/rosterPlan.ts: each
 * person as Create or Update plans them, the leavers in the deprovisioning scope, both safety
 * limits) before the first write, then executed under Parallel Requests (actions/rosterRunner.ts).
 * Dry Run returns the plan. The summary goes to the node's second output, Summary.
 */

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UserType } from '../../provisioning/fields';
import { needsFullAgentRecord } from '../../provisioning/plan';
import { indexDirectory, matchFieldLabel } from '../../provisioning/roster';
import type { RosterOptions } from '../../provisioning/rosterPlan';
import { createsToCheck, planRoster, unmatchedEmails } from '../../provisioning/rosterPlan';
import { InvalidValueError } from '../../provisioning/values';
import { keyOwnerId, listDirectory } from '../../transport/directory';
import type { FreshserviceSession } from '../../transport/session';
import { findUserByEmail, lookupUserByEmail, withFullRecord } from '../../transport/userLookups';
import { rememberUser } from '../people';
import type { RequestSettings } from '../requestOptions.description';
import type { WholeInputResult, WholeInputRun } from '../router';
import { executeRoster } from '../rosterRunner';
import { deprovisionScope, matchFieldOf, readRoster, readSettings, refusalHelp, rowError, settingError } from './rosterInput';
import type { SyncSummary } from './rosterSummary';
import { Tally } from './rosterSummary';
import { rosterGroupMembers } from './groupColumns';
import { readDesiredUser } from './upsert.operation';

export { description, PARAMETERS } from './syncRoster.description';

const BATCHED =
	'Nobody was deactivated: Sync Roster ran more than once in this execution (inside Loop Over Items?), so no single run sees the whole roster. Feed every roster row to one Sync Roster node at once (no loop; it pages and paces itself).';

function stop(context: IExecuteFunctions, message: string, description: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { description });
}

export async function execute(this: IExecuteFunctions, session: FreshserviceSession, request: RequestSettings): Promise<WholeInputRun> {
	const started = Date.now();
	const everyInput = this.getInputData().map((_, item) => ({ item }));
	const continueOnFail = this.continueOnFail();
	const settings = readSettings(this);

	// 1. The roster, checked row by row: without Continue, a bad row stops the node before any request.
	const rows = readRoster(this, settings);
	const stopOnBadRow = () => {
		const bad = rows.find((row) => row.error !== undefined);
		if (bad && !continueOnFail) throw rowError(this, bad);
	};
	stopOnBadRow();

	// 2. One listing pass; managers named by email are then found in it, not looked up.
	const directory = await listDirectory(session);
	const index = indexDirectory(directory.users, await matchFieldOf(session, settings, this.getNodeParameter('userType', 0) as UserType));
	for (const user of index.users) {
		const email = user.record.primary_email ?? user.record.email;
		if (typeof email === 'string' && email !== '') rememberUser(session, email, Number(user.record.id));
	}
	const plannedCreates = unmatchedEmails(rows, index);
	for (const row of rows) {
		if (row.error !== undefined) continue;
		try {
			row.desired = await readDesiredUser(this, session, row.itemIndex, row.columns, { plannedCreates });
			const listed = index.byEmail.get(row.key!.email);
			// An agent the requester listing answered (no roles) is compared as /agents/{id} answers it.
			if (listed && needsFullAgentRecord(row.desired)) Object.assign(listed, await withFullRecord(session, listed, row.itemIndex));
			// The listing may hide deactivated requesters: Dry Run asks, to report what a real run will do.
			if (settings.dryRun && !directory.inactiveRequestersListed && plannedCreates.has(row.key!.email)) {
				row.found = await findUserByEmail(session, row.key!.email, row.itemIndex, { fullAgentRecord: false });
			}
		} catch (error) {
			row.error = error;
		}
	}

	// 3. The whole plan, before any write; each requester group the roster names is read once.
	const options: RosterOptions = { plan: settings.options, reactivationLimit: settings.reactivationLimit, members: await rosterGroupMembers(session, rows) };
	if (settings.deprovision) {
		const scope = await deprovisionScope(session, settings.deprovision.scope, index.field).catch((error: unknown) => {
			throw error instanceof InvalidValueError ? settingError(this, error.parameter, error.message) : error;
		});
		// A second run of this node in one execution (a loop) sees part of the roster only.
		const skip = this.getWorkflowDataProxy(0).$thisRunIndex > 0 ? BATCHED : undefined;
		options.deprovision = { ...settings.deprovision, scope, keyOwnerId: skip ? undefined : await keyOwnerId(session), skip };
	}
	const roster = planRoster(rows, index, options);
	roster.people.forEach((person, at) => (rows[at].error = person.error));
	stopOnBadRow();
	if (roster.refusal) {
		throw stop(this, roster.refusal, refusalHelp(roster.refusal, roster.refusal === roster.leavers?.plan?.refusal));
	}
	// A listing that missed people makes creates of people who exist: a few are looked up first.
	for (const email of createsToCheck(roster)) {
		const { user } = await lookupUserByEmail(session, email, 0);
		if (user && (user.record.active !== false || directory.inactiveRequestersListed)) {
			throw stop(
				this,
				`Sync Roster stopped before any change: it would create ${email}, who already exists in Freshservice but was not in the listing of users, so the listing is incomplete`,
				'Nothing was sent to Freshservice. Run again later; if it persists, check the API key\'s permissions (it must see every requester and agent) and report it.',
			);
		}
	}

	// 4. Execute (Dry Run: report), under Parallel Requests.
	const done = await executeRoster(session, roster, { plan: settings.options, dryRun: settings.dryRun, parallel: request.parallelRequests });
	const tally = new Tally();
	const items: WholeInputResult[] = done.people.map((outcome, at) => {
		const pairedItem = { item: rows[at].itemIndex };
		if ('json' in outcome) tally.done(outcome.json);
		else tally.failed(outcome.error, { item: rows[at].itemIndex, email: rows[at].key?.email });
		return 'json' in outcome ? { json: outcome.json, pairedItem } : { error: outcome.error, itemIndex: rows[at].itemIndex, pairedItem };
	});
	for (const { user, outcome } of done.leavers) {
		if ('json' in outcome) tally.done(outcome.json);
		else tally.failed(outcome.error, { email: user.record.primary_email ?? user.record.email });
		items.push('json' in outcome ? { json: outcome.json, pairedItem: everyInput } : { error: outcome.error, pairedItem: everyInput });
	}
	if (tally.failures.length > 0 && !continueOnFail) {
		const shown = tally.failures.slice(0, 5).map((failure) => (failure.item === undefined ? failure.error : `[item ${failure.item}] ${failure.error}`));
		throw stop(this, `Sync Roster finished, but ${tally.failures.length} of its changes failed: ${shown.join('; ')}${tally.failures.length > 5 ? '; …' : ''}`, 'Everyone else was synced. Turn on Continue (On Error) to get one item per person, with the error on each failed one, and a summary.');
	}
	const { leavers } = roster;
	const summary: SyncSummary = {
		dryRun: settings.dryRun,
		matchBy: matchFieldLabel(index.field),
		people: rows.length,
		actions: tally.actions,
		failed: tally.failures.length,
		memberships: tally.memberships,
		...(leavers
			? { deprovisioning: leavers.skipped ? { skipped: leavers.skipped } : { scope: leavers.scope, inScope: leavers.plan!.scopeSize, deactivated: leavers.plan!.users.length, agentsLeftAlone: leavers.plan!.agentsLeftAlone } }
			: {}),
		reactivations: roster.reactivations,
		listed: { requesters: index.users.filter((user) => user.userType === 'requester').length, agents: index.users.filter((user) => user.userType === 'agent').length },
		requests: session.stats.requests,
		durationMs: Date.now() - started,
		failures: tally.failures,
	};
	const summaryItem: INodeExecutionData = { json: { summary } as unknown as IDataObject, pairedItem: everyInput };
	return { items: settings.summaryOnly ? [] : items, summary: summaryItem };
}
