import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listPage } from '../transport/pagination';
import { createSession } from '../transport/session';

function label(record: IDataObject): string {
	const name = [record.first_name, record.last_name].filter((part) => typeof part === 'string' && part !== '').join(' ');
	const email = record.primary_email ?? record.email;
	const state = record.active === false ? ' (deactivated)' : '';
	return `${name || String(record.id)}${email ? ` <${String(email)}>` : ''}${record.is_agent === true ? ' · agent' : ''}${state}`;
}

/** Users for the "From List" picker: requesters and agents, searched by name or email prefix. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	// Quotes would end the query string early; the search is a prefix match, so dropping them loses nothing useful.
	const term = (filter ?? '').replace(/['"\\]/g, '').trim();
	const qs: IDataObject = term
		? { query: `"~[first_name|last_name|primary_email]:'${term}'"`, include_agents: true }
		: { include_agents: true };
	const { records, next } = await listPage(createSession(this), { path: '/requesters', key: 'requesters', qs, page, action: 'search users' });
	return {
		results: records.map((record) => ({ name: label(record), value: String(record.id) })),
		paginationToken: next === undefined ? undefined : String(next),
	};
}
export { searchRequesterGroups } from './groupSearch';
