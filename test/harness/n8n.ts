/**
 * Runs the Freshservice Provisioning node the way n8n does: a Workflow executed by n8n-core's
 * WorkflowExecute, with its real execute context, parameter resolution, expression engine and
 * httpRequestWithAuthentication (axios). Only credential storage is replaced.
 */
import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
	WorkflowHasIssuesError,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsDecrypted,
	IDataObject,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import {
	createEmptyRunExecutionData,
	createRunExecutionData,
	LoggerProxy,
	NodeHelpers,
	setSafeRegexEngine,
	Workflow,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials-helper';

export const NODE_TYPE = 'n8n-nodes-freshservice-provisioning.freshserviceProvisioning';
export const CREDENTIAL_TYPE = 'freshserviceProvisioningApi';
const NODE_NAME = 'Freshservice Provisioning';

// n8n-core reports node errors through its logger; the tests read them from the results instead.
const silent = () => undefined;
LoggerProxy.init({ error: silent, warn: silent, info: silent, debug: silent });

// n8n-workflow's default regular-expression engine runs each match (the resource locator's email
// check, say) in a vm with a 250 ms wall-clock timeout, which fires on a trivial pattern when a
// busy 2-core runner preempts the process; n8n's server installs its own engine instead. The
// patterns matched here are the node's own, so plain RegExp loses nothing.
setSafeRegexEngine({
	exec: (pattern, input, flags) => new RegExp(pattern, flags).exec(input),
	test: (pattern, input, flags) => new RegExp(pattern, flags).test(input),
	replace: (pattern, input, flags, replacement) => input.replace(new RegExp(pattern, flags), replacement),
	matchAll: (pattern, input, flags) => Array.from(input.matchAll(new RegExp(pattern, flags?.includes('g') ? flags : `${flags ?? ''}g`))),
	split: (pattern, input, flags) => input.split(new RegExp(pattern, flags)),
});

/** The node and credential under test: the sources in jest, the built dist/ in the benchmark. */
export interface PackageUnderTest {
	nodeType: INodeType;
	credentialType: ICredentialType;
}

let underTest: PackageUnderTest | undefined;

export function usePackage(types: PackageUnderTest): void {
	underTest = types;
}

export function types(): PackageUnderTest {
	if (!underTest) throw new Error('Call usePackage() first (test/harness/source.ts does it for the sources)');
	return underTest;
}

function nodeTypesWith(types: Record<string, INodeType>): INodeTypes {
	return {
		getByName: (name) => types[name],
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(types[name], version),
		getKnownTypes: () => ({}),
	};
}

function additionalDataFor(
	credentials: ICredentialDataDecryptedObject,
	hooks?: ExecutionLifecycleHooks,
	currentNodeParameters?: INodeParameters,
) {
	const base = {
		credentialsHelper: new TestCredentialsHelper({ [CREDENTIAL_TYPE]: types().credentialType }, { [CREDENTIAL_TYPE]: credentials }),
		hooks,
		currentNodeParameters,
		executionTimeoutTimestamp: undefined,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		variables: {},
		userId: 'test-user',
	};
	// Anything else n8n-core asks of additionalData is absent here, as in n8n's own node test harness.
	return base as unknown as IWorkflowExecuteAdditionalData;
}

function nodeFor(parameters: INodeParameters): INode {
	return {
		id: 'f0c1e6a4-7b1d-4a43-9d5f-000000000001',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Freshservice (simulator)' } },
	};
}

/**
 * What the editor does to fill a dropdown, the "From List" picker or a resource mapper: one of
 * the node's loadOptions, listSearch or resourceMapping methods, in n8n-core's
 * LoadOptionsContext, with the parameters the panel currently shows.
 */
export async function loadOptions(
	credentials: ICredentialDataDecryptedObject,
	parameters: INodeParameters,
	method: { loadOptions: string } | { listSearch: string; filter?: string; paginationToken?: string } | { resourceMapping: string },
): Promise<unknown> {
	const node = nodeFor(parameters);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypesWith({ [NODE_TYPE]: types().nodeType }) });
	const context = new LoadOptionsContext(workflow, node, additionalDataFor(credentials, undefined, parameters), 'parameters');
	const { methods } = types().nodeType;
	if ('loadOptions' in method) return await methods!.loadOptions![method.loadOptions].call(context);
	if ('resourceMapping' in method) return await methods!.resourceMapping![method.resourceMapping].call(context);
	return await methods!.listSearch![method.listSearch].call(context, method.filter, method.paginationToken);
}

/**
 * n8n-core's execute context for the node with these parameters and input items, as WorkflowExecute
 * builds it for a run: for comparing what the node reads with what n8n itself resolves.
 */
export function executeContextFor(
	credentials: ICredentialDataDecryptedObject,
	parameters: INodeParameters,
	input: IDataObject[],
	/** Which run of the node this is in its execution (a node inside a loop runs more than once). */
	runIndex = 0,
	/** The execution's cancel signal (`getExecutionCancelSignal()`), as WorkflowExecute passes its AbortController's. */
	abortSignal?: AbortSignal,
): ExecuteContext {
	const node = nodeFor(parameters);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypesWith({ [NODE_TYPE]: types().nodeType }) });
	const items = input.map((json) => ({ json }));
	return new ExecuteContext(
		workflow,
		node,
		additionalDataFor(credentials),
		'manual',
		createEmptyRunExecutionData(),
		runIndex,
		items,
		{ main: [items] },
		{ node, data: { main: [items] }, source: null },
		[],
		abortSignal,
	);
}

export interface RunOptions {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** The items that reach the node, as an HR trigger would send them. */
	input?: IDataObject[];
	continueOnFail?: boolean;
}

export interface RunResult {
	/** The node's output items (first output), with pairedItem. */
	items: INodeExecutionData[];
	/** Every output's items (Sync Roster: the Summary output second). */
	outputs: INodeExecutionData[][];
	/** The error that stopped the node, if it did. */
	error?: { message: string; description?: string | null; itemIndex?: number; httpCode?: string | null };
	/** Absent when n8n refused to start the workflow. */
	run?: IRun;
}

export async function runNode(options: RunOptions): Promise<RunResult> {
	const node: INode = {
		...nodeFor(options.parameters),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesWith({ [NODE_TYPE]: types().nodeType }),
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	let resolveRun: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [input] }, source: null }] },
	});
	const execute = new WorkflowExecute(additionalDataFor(options.credentials, hooks), 'manual', runExecutionData);
	try {
		await execute.processRunExecutionData(workflow);
	} catch (error) {
		// n8n refuses to start a workflow whose node has issues (an empty required parameter):
		// the user reads this message in the editor, before the node runs at all.
		if (error instanceof WorkflowHasIssuesError) return { items: [], outputs: [], error: { message: error.message } };
		throw error;
	}
	const run = await finished;
	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	const error = task?.error ?? run.data.resultData.error;
	return {
		items: task?.data?.main?.[0] ?? [],
		outputs: (task?.data?.main ?? []).map((output) => output ?? []),
		error: error
			? {
					message: error.message,
					description: (error as { description?: string | null }).description,
					itemIndex: (error as { context?: { itemIndex?: number } }).context?.itemIndex,
					httpCode: (error as { httpCode?: string | null }).httpCode,
				}
			: undefined,
		run,
	};
}

/**
 * The credential dialog's "Test" button: the credential's `test` request run through n8n-core's
 * RoutingNode, its failures judged by the credential's rules, as n8n's CredentialsTester does.
 */
export async function testCredential(credentials: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const test = types().credentialType.test!;
	const probeType: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['output'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: test.request } }],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'test' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypesWith({ credentialTest: probeType }) });
	const decrypted: ICredentialsDecrypted = { id: 'cred-1', name: 'test', type: CREDENTIAL_TYPE, data: credentials };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(credentials),
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	try {
		await new RoutingNode(context, probeType, decrypted).runNode();
	} catch (error) {
		const status = (error as { cause?: { response?: { status?: number; statusText?: string } } }).cause?.response?.status;
		if (status !== undefined) {
			const rule = (test.rules ?? []).find((candidate) => candidate.type === 'responseCode' && candidate.properties.value === status);
			if (rule) return { status: 'Error', message: (rule.properties as { message: string }).message };
			return { status: 'Error', message: `Received HTTP status code: ${status}` };
		}
		return { status: 'Error', message: (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
