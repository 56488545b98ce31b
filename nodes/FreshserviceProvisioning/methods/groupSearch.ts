import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listRequesterGroups } from '../transport/groups';
import { createSession } from '../transport/session';

/** Requester groups for the "From List" picker, by name; rule-based groups say so (they cannot take members). */
export async function searchRequesterGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const term = (filter ?? '').trim().toLowerCase();
	const groups = await listRequesterGroups(createSession(this));
	return {
		results: groups
			.filter((group) => String(group.name ?? '').toLowerCase().includes(term))
			.sort((a, b) => String(a.name).localeCompare(String(b.name)))
			.map((group) => ({
				name: `${String(group.name ?? group.id)}${group.type === 'rule_based' ? ' (rule-based)' : ''}`,
				value: String(group.id),
			})),
	};
}
