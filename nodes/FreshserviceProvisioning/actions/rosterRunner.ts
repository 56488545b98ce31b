/**
 * Carries out a Sync Roster plan (provisioning/rosterPlan.ts) under Parallel Requests, each person
 * through the one executor: people in the plan's order (a new manager's create before the report
 * that names them: the report waits for that create's ID), deactivations last. Dry Run: the plan's
 * items, nothing sent.
 */

import type { IDataObject } from 'n8n-workflow';

import type { PlanOptions } from '../provisioning/plan';
import { planDeactivate } from '../provisioning/plan';
import type { PersonPlan, RosterPlan } from '../provisioning/rosterPlan';
import type { FreshserviceSession } from '../transport/session';
import type { FoundUser } from '../transport/users';
import { executePlan, planItem } from './executor';
import { provisionUser } from './user/upsert.operation';

export type Outcome = { json: IDataObject } | { error: unknown };

/** Runs `tasks` in their order, at most `parallel` at a time. */
async function inTurn<T>(parallel: number, tasks: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
	const results: T[] = new Array(tasks.length);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const index = next++;
			results[index] = await tasks[index]();
		}
	};
	await Promise.all(Array.from({ length: Math.min(Math.max(1, parallel), tasks.length) }, worker));
	return results;
}

async function runPerson(session: FreshserviceSession, person: PersonPlan<FoundUser>, options: PlanOptions, dryRun: boolean): Promise<Outcome> {
	if (person.error !== undefined) return { error: person.error };
	try {
		if (dryRun) return { json: planItem(person.current, person.plan!, true) };
		return { json: await provisionUser(session, person.desired!, person.current, options, person.itemIndex, person.plan) };
	} catch (error) {
		return { error };
	}
}

/** People first (in `roster.order`), then the leavers; outcomes in input order, then one per leaver. */
export async function executeRoster(
	session: FreshserviceSession,
	roster: RosterPlan<FoundUser>,
	options: { plan: PlanOptions; dryRun: boolean; parallel: number },
): Promise<{ people: Outcome[]; leavers: Array<{ user: FoundUser; outcome: Outcome }> }> {
	// Each planned create's ID, for the people whose manager it is; undefined when it failed.
	const created = new Map<string, (id: number | undefined) => void>();
	if (!options.dryRun) {
		for (const person of roster.people) {
			if (person.plan?.outcome !== 'create') continue;
			session.people.plannedCreates.set(person.email!, new Promise((resolve) => created.set(person.email!, resolve)));
		}
	}
	const people: Outcome[] = new Array(roster.people.length);
	await inTurn(
		options.parallel,
		roster.order.map((index) => async () => {
			const person = roster.people[index];
			const outcome = await runPerson(session, person, options.plan, options.dryRun);
			people[index] = outcome;
			const id = 'json' in outcome ? Number(outcome.json.id) : undefined;
			created.get(person.email!)?.(Number.isSafeInteger(id) ? id : undefined);
		}),
	);

	const reason = `Not in the roster, and in the deprovisioning scope (${roster.leavers?.scope ?? ''}).`;
	const users = roster.leavers?.plan?.users ?? [];
	const outcomes = await inTurn(
		options.parallel,
		users.map((user) => async (): Promise<Outcome> => {
			const plan = planDeactivate(user);
			if (options.dryRun) return { json: planItem(user, plan, true, { reason }) };
			try {
				const executed = await executePlan(session, plan, user, 0);
				return { json: planItem(executed.status === 'done' ? executed.user : user, plan, false, { reason }) };
			} catch (error) {
				return { error };
			}
		}),
	);
	return { people, leavers: users.map((user, index) => ({ user, outcome: outcomes[index] })) };
}
