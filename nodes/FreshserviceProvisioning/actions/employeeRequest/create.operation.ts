import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { toEmailOrId } from '../../provisioning/names';
import type { EmployeeRequestKind } from '../../provisioning/onboardingForm';
import { checkForm, formFieldOf, formInput, withLookupIds } from '../../provisioning/onboardingForm';
import type { SamePerson } from '../../provisioning/onboardingPlan';
import { ONE_PER_PERSON, planRequest, samePersonOf } from '../../provisioning/onboardingPlan';
import { isBlank, toBoolean } from '../../provisioning/values';
import { createEmployeeRequest, employeeRequestsOnce, readRequestForm, rememberEmployeeRequest } from '../../transport/onboarding';
import type { FreshserviceSession } from '../../transport/session';
import { dryRunOption, optionsProperty, readDryRun } from '../user/fields.description';
import { resolveFormLookups, userIdByEmail } from './lookups';
import { requestItem } from './output';
import { withPeople } from '../people';
import { RESOURCES } from './resources';

export const PARAMETERS = {
	initiator: { name: 'initiator', displayName: 'Initiator (Email or ID)' },
	fields: { name: 'formFields', displayName: 'Fields' },
} as const;

export function description(kind: EmployeeRequestKind): INodeProperties[] {
	const show = { resource: [RESOURCES[kind]], operation: ['create'] };
	const person = kind === 'onboarding' ? 'new hire' : 'leaver';
	return [
		{
			displayName: PARAMETERS.fields.displayName,
			name: PARAMETERS.fields.name,
			type: 'resourceMapper',
			noDataExpression: true,
			default: { mappingMode: 'defineBelow', value: null },
			required: true,
			description: `The fields of the instance's ${kind} form. Lookup fields take names (departments, locations) or emails (people), or IDs.`,
			typeOptions: {
				loadOptionsDependsOn: ['resource'],
				resourceMapper: {
					resourceMapperMethod: 'getRequestFormFields',
					mode: 'upsert',
					fieldWords: { singular: 'form field', plural: 'form fields' },
					addAllFields: true,
					multiKeyMatch: false,
					supportAutoMap: true,
					matchingFieldsLabels: {
						title: 'Same Person By',
						description: `The form field that tells who the request is for (the ${person}'s email): a request for the same value, in any case, that is not cancelled is returned instead of opening another`,
						hint: `A request whose value in this field is the same (in any case) and that is not cancelled is returned instead of opening a second one for the ${person}`,
					},
				},
			},
			displayOptions: { show },
		},
		{
			displayName: PARAMETERS.initiator.displayName,
			name: PARAMETERS.initiator.name,
			type: 'string',
			default: '',
			placeholder: 'hr.manager@example.com',
			description: "Who raises the request, by email or Freshservice ID. Empty: the agent who owns the API key. Only an admin's API key may raise a request on someone else's behalf.",
			displayOptions: { show },
		},
		optionsProperty(show, [
			dryRunOption,
			{
				displayName: ONE_PER_PERSON.displayName,
				name: ONE_PER_PERSON.name,
				type: 'boolean',
				default: true,
				description: `Whether to first look for a ${kind} request for the same person (Same Person By) that is not cancelled, and return it instead of opening a second one. Costs one listing of all ${kind} requests per execution. Off: every item opens a request.`,
			},
		]),
	];
}

function readOnePerPerson(context: IExecuteFunctions, itemIndex: number): boolean {
	const value = (context.getNodeParameter('options', itemIndex, {}) as IDataObject)[ONE_PER_PERSON.name];
	return isBlank(value) ? true : toBoolean(ONE_PER_PERSON.displayName, value);
}

async function open(
	context: IExecuteFunctions,
	session: FreshserviceSession,
	kind: EmployeeRequestKind,
	input: { fields: Record<string, unknown>; initiatorId?: number; samePerson?: SamePerson; dryRun: boolean },
	itemIndex: number,
): Promise<IDataObject> {
	const requests = input.samePerson ? await employeeRequestsOnce(session, kind, itemIndex) : [];
	const plan = planRequest({ kind, fields: input.fields, initiatorId: input.initiatorId, samePerson: input.samePerson, requests });
	if (plan.action === 'unchanged') return requestItem(plan.existing, kind, 'unchanged', { dryRun: input.dryRun, reason: plan.reason });
	if (input.dryRun) {
		if (input.samePerson) await rememberEmployeeRequest(session, kind, { id: null, status: 1, fields: plan.body.fields }, itemIndex);
		return requestItem(plan.body as unknown as IDataObject, kind, 'wouldCreate', { dryRun: true });
	}
	const outcome = await createEmployeeRequest(session, kind, plan.body as unknown as IDataObject, itemIndex);
	if (!outcome.ok) {
		if (outcome.statusCode === 403 && plan.body.initiator_id !== undefined) {
			throw new NodeApiError(context.getNode(), {}, {
				message: `Freshservice refused to open the ${kind} request on behalf of '${PARAMETERS.initiator.displayName}'`,
				description: "Only an admin's API key may raise a request on someone else's behalf. Leave Initiator empty to raise it as the key's owner, or use an admin's key. Nothing was opened.",
				httpCode: '403',
				itemIndex,
			});
		}
		throw outcome.error;
	}
	if (input.samePerson) await rememberEmployeeRequest(session, kind, outcome.response.body, itemIndex);
	return requestItem(outcome.response.body, kind, 'created');
}

export function execute(kind: EmployeeRequestKind) {
	return async function (this: IExecuteFunctions, itemIndex: number, session: FreshserviceSession): Promise<IDataObject[]> {
		const dryRun = readDryRun(this, itemIndex);
		const onePerPerson = readOnePerPerson(this, itemIndex);
		const rawInitiator = this.getNodeParameter(PARAMETERS.initiator.name, itemIndex, '');
		const initiator = isBlank(rawInitiator) ? undefined : toEmailOrId(PARAMETERS.initiator.displayName, rawInitiator);
		const mapper = (this.getNodeParameter(PARAMETERS.fields.name, itemIndex, {}) ?? {}) as { mappingMode?: string; value?: IDataObject | null; matchingColumns?: string[] };
		const autoMap = mapper.mappingMode === 'autoMapInputData';
		const columns = autoMap ? { ...this.getInputData()[itemIndex].json } : { ...(mapper.value ?? {}) };

		// The form is read once per execution; everything after it is checked before any lookup or write.
		const form = (await readRequestForm(session, kind, itemIndex)).map(formFieldOf);
		const checked = checkForm(kind, form, formInput(kind, form, columns, autoMap));
		const samePerson = onePerPerson ? samePersonOf(kind, form, mapper.matchingColumns ?? [], checked.values) : undefined;

		const run = async () => {
			const fields = withLookupIds(checked, await resolveFormLookups(session, checked.lookups, itemIndex));
			const initiatorId =
				initiator === undefined ? undefined : 'id' in initiator ? initiator.id : await userIdByEmail(session, PARAMETERS.initiator.displayName, 'user', initiator.email, itemIndex);
			return [await open(this, session, kind, { fields, initiatorId, samePerson, dryRun }, itemIndex)];
		};
		if (!samePerson) return await run();
		// Items for the same person take turns (actions/people.ts), claimed before the lookups: of several items
		// for one person in one run, the first in input order opens the request and the others find it.
		return await withPeople(session, [`requestFor:${kind}:${samePerson.field}:${samePerson.value.toLowerCase()}`], run);
	};
}
