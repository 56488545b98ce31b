import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { loadExample } from '../../scripts/lib/examples';
import { runNode } from '../harness/source';
import { useSimulator } from './fixtures';

// The examples' request nodes through n8n-core against the simulator (the e2e suite runs the whole
// workflows in real n8n): their mapper schema, expressions and required fields hold together.
const { sim, credentials, writes } = useSimulator({ demo: true });

/** The node's parameters with `$('<trigger>').item.json` read from its own input item instead. */
function requestNode(file: string, nodeName: string, trigger: string): INodeParameters {
	const node = loadExample(file).nodes.find((candidate) => candidate.name === nodeName);
	if (!node) throw new Error(`${file} has no node "${nodeName}"`);
	return JSON.parse(JSON.stringify(node.parameters).split(`$('${trigger}').item.json`).join('$json')) as INodeParameters;
}

const webhookItem = (body: IDataObject) => ({ headers: { 'content-type': 'application/json' }, params: {}, query: {}, body });

it('new hire: opens the onboarding request with the department by name and the manager by email, once', async () => {
	const parameters = requestNode('new-hire-requester-and-onboarding-request.json', 'Open onboarding request', 'New hire (HR webhook)');
	const body = { firstName: 'Katherine', lastName: 'Johnson', email: 'katherine.johnson@acme.example', jobTitle: 'Mathematician', startDate: '2027-01-04', department: 'Engineering', managerEmail: 'ada.lovelace@acme.example' };
	const run = async () => await runNode({ credentials: credentials(), parameters, input: [webhookItem(body)] });
	const first = await run();
	expect(first.error).toBeUndefined();
	expect(first.items[0].json.provisioning).toMatchObject({ action: 'created', requestType: 'onboarding' });
	expect(writes()[0].requestBody).toEqual({
		fields: {
			cf_employee_name: 'Katherine Johnson',
			cf_employee_email: body.email,
			cf_job_title: body.jobTitle,
			cf_date_of_joining: body.startDate,
			cf_department: sim().control.state().departments.find((department) => department.name === 'Engineering')!.id,
			cf_reporting_manager: sim().control.requesterByEmail(body.managerEmail)!.id,
		},
	});
	expect((await run()).items[0].json.provisioning).toMatchObject({ action: 'unchanged' });
	expect(writes()).toHaveLength(1);
});

it('termination: opens the offboarding request with the manager by email and the separation type', async () => {
	const parameters = requestNode('termination-offboarding-then-deactivate.json', 'Open offboarding request', 'Termination (HR webhook)');
	const body = { email: 'marcus.webb@acme.example', name: 'Marcus Webb', lastDay: '2026-11-27', managerEmail: 'ada.lovelace@acme.example', separationType: 'Voluntary Separation' };
	const result = await runNode({ credentials: credentials(), parameters, input: [webhookItem(body)] });
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.provisioning).toMatchObject({ action: 'created', requestType: 'offboarding' });
	expect(writes()[0].requestBody).toEqual({
		fields: {
			actor_2: sim().control.requesterByEmail(body.managerEmail)!.id,
			cf_employee_email: body.email,
			cf_employee_name: body.name,
			cf_last_working_date: body.lastDay,
			cf_separation_type: body.separationType,
		},
	});
});
