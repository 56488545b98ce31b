import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	user: 'create' | 'update' | 'upsert' | 'syncRoster' | 'deactivate' | 'get' | 'getAll';
};

export type FreshserviceProvisioningType = AllEntities<NodeMap>;
