/**
 * Runs the Freshservice Provisioning Trigger the way an active n8n workflow polls it: n8n-core's
 * PollContext on a Workflow whose static data lives between polls. n8n saves a workflow's static
 * data when a poll emits (a poll that returns nothing changes it only in memory), so `persisted`
 * is a copy taken after each emitting poll, and `restart()` starts a new Workflow from that copy,
 * as n8n does after a restart.
 */
import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { FreshserviceProvisioningApi } from '../../credentials/FreshserviceProvisioningApi.credentials';
import { FreshserviceProvisioningTrigger } from '../../nodes/FreshserviceProvisioningTrigger/FreshserviceProvisioningTrigger.node';
import { TestCredentialsHelper } from './credentials-helper';
import { CREDENTIAL_TYPE } from './n8n';

export const TRIGGER_TYPE = 'n8n-nodes-freshservice-provisioning.freshserviceProvisioningTrigger';

const triggerType: INodeType = new FreshserviceProvisioningTrigger();

function additionalData(credentials: ICredentialDataDecryptedObject): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper({ [CREDENTIAL_TYPE]: new FreshserviceProvisioningApi() }, { [CREDENTIAL_TYPE]: credentials }),
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface PollResult {
	items: INodeExecutionData[];
	error?: Error;
}

export interface ActiveTrigger {
	poll(): Promise<PollResult>;
	/** A new Workflow from the static data n8n would have saved, as after a restart. */
	restart(): void;
	/** The static data n8n has saved so far. */
	persisted(): IDataObject;
	/** The static data in memory now. */
	live(): IDataObject;
}

function workflowWith(node: INode, staticData: IDataObject): Workflow {
	const nodeTypes = {
		getByName: () => triggerType,
		getByNameAndVersion: (_name: string, version?: number) => NodeHelpers.getVersionedNodeType(triggerType, version),
		getKnownTypes: () => ({}),
	};
	return new Workflow({
		id: 'trigger-workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
	});
}

export function activeTrigger(credentials: ICredentialDataDecryptedObject, parameters: INodeParameters, mode: WorkflowExecuteMode = 'trigger'): ActiveTrigger {
	const node: INode = {
		id: 'f0c1e6a4-7b1d-4a43-9d5f-0000000000a1',
		name: 'Freshservice Provisioning Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Freshservice (simulator)' } },
	};
	let saved: IDataObject = {};
	let workflow = workflowWith(node, saved);
	const snapshot = (): IDataObject => {
		const data = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		delete data.__dataChanged;
		return data;
	};
	return {
		async poll() {
			const context = new PollContext(workflow, node, additionalData(credentials), mode, 'activate');
			try {
				const result = await triggerType.poll!.call(context);
				if (result !== null) saved = snapshot();
				return { items: result?.[0] ?? [] };
			} catch (error) {
				return { items: [], error: error as Error };
			}
		},
		restart() {
			workflow = workflowWith(node, saved);
		},
		persisted: () => JSON.parse(JSON.stringify(saved)) as IDataObject,
		live: snapshot,
	};
}
