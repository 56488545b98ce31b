import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { LogEntry } from '../../simulator';
import { runNode } from '../harness/source';
import { useSimulator } from './fixtures';

const { sim, credentials } = useSimulator();

beforeEach(() => sim().control.configure({ rateLimit: { enabled: false } }));

const apiCalls = (): LogEntry[] => sim().control.log().filter((entry) => entry.path.startsWith('/api/v2/'));
const writes = (): LogEntry[] => apiCalls().filter((entry) => entry.method !== 'GET');

function syncParameters(extra: INodeParameters = {}, options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'user',
		operation: 'syncRoster',
		userType: 'requester',
		columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] },
		options,
		...extra,
	};
}

async function sync(input: IDataObject[], extra: INodeParameters = {}, options: INodeParameters = {}, continueOnFail = true) {
	return await runNode({ credentials: credentials(), parameters: syncParameters(extra, options), input, continueOnFail });
}

describe('Sync Roster', () => {
	it('smoke', async () => {
		sim().control.seed({ requesters: 20, randomSeed: 3 });
		const roster = sim()
			.control.state()
			.requesters.map((record) => ({ email: record.primary_email, first_name: record.first_name, last_name: record.last_name, job_title: record.job_title }));
		roster[0].job_title = 'Changed';
		roster.push({ email: 'new@acme.example', first_name: 'New', last_name: 'Person', job_title: 'Hire' });
		sim().control.clearLog();
		const result = await sync(roster);
		console.log(JSON.stringify(result.items.slice(-3).map((item) => [item.json, item.pairedItem])), result.error);
		console.log(apiCalls().map((entry) => `${entry.method} ${entry.path}?${entry.query} ${entry.status}`));
		expect(writes()).toHaveLength(2);
	});
});
