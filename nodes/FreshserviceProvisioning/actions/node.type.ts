import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	user:
		| 'create'
		| 'update'
		| 'upsert'
		| 'syncRoster'
		| 'deactivate'
		| 'get'
		| 'getAll'
		| 'reactivate'
		| 'convertToAgent'
		| 'convertToRequester'
		| 'permanentlyDelete';
	onboardingRequest: 'create' | 'get' | 'getAll' | 'getTickets';
	offboardingRequest: 'create' | 'get' | 'getAll' | 'getTickets';
	requesterGroup: 'addMembers' | 'removeMembers' | 'getMembers' | 'getAll' | 'create';
};

export type FreshserviceProvisioningType = AllEntities<NodeMap>;
