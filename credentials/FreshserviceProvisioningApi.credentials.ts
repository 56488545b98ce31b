import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { ConnectionSettingError, resolveApiBaseUrl } from '../nodes/FreshserviceProvisioning/transport/connection';

export class FreshserviceProvisioningApi implements ICredentialType {
	name = 'freshserviceProvisioningApi';

	displayName = 'Freshservice Provisioning API';

	icon = {
		light: 'file:../nodes/FreshserviceProvisioning/freshservice.svg',
		dark: 'file:../nodes/FreshserviceProvisioning/freshservice.dark.svg',
	} as const;

	documentationUrl = 'https://api.freshservice.com/#authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance Name',
			name: 'instanceName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'acme',
			description:
				'The part before .freshservice.com in your Freshservice address. acme, acme.freshservice.com or a link such as https://acme.freshservice.com/a/tickets/1 all work.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In Freshservice, open Profile Settings (your avatar, top right): the key is on the right-hand side, below "Delegate Approvals". Provisioning users needs the key of an admin agent.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://gateway.example.com/freshservice/api/v2',
			description:
				'Leave empty to call https://INSTANCE.freshservice.com/api/v2. Set it only to go through an API gateway or a local test server; plain http is refused unless the host is this machine.',
		},
	];

	// Basic auth with the key as user and `X` as password, sent only to the address the
	// instance name resolves to: an address that fails the check is refused before any request.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
		if (apiKey === '') {
			throw new ConnectionSettingError('API Key', 'The API Key is empty: copy it from Profile Settings in Freshservice');
		}
		return {
			...requestOptions,
			baseURL: resolveApiBaseUrl(credentials),
			auth: { username: apiKey, password: 'X' },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '/agents/me',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Freshservice rejected the API key. Copy it again from Profile Settings in Freshservice (right-hand side, below "Delegate Approvals").',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API key works but may not read agents. Provisioning needs the API key of an admin agent.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Freshservice account answers at this address. Check the Instance Name: for https://acme.freshservice.com it is acme.',
				},
			},
		],
	};
}
