import { explainFreshserviceError, withoutSecrets } from '../../../nodes/FreshserviceProvisioning/transport/errors';
import { nextPageFromLink } from '../../../nodes/FreshserviceProvisioning/transport/pagination';
import { displayNameForApiField } from '../../../nodes/FreshserviceProvisioning/provisioning/fields';
import { listQuery } from '../../../nodes/FreshserviceProvisioning/actions/user/getAll.operation';

describe('explainFreshserviceError', () => {
	it('quotes each field and message and names the parameter to fix', () => {
		const explained = explainFreshserviceError(
			409,
			{
				description: 'Validation failed',
				errors: [{ field: 'primary_email', message: 'It should be a unique value', code: 'duplicate_value' }],
			},
			'create the requester jane@example.com',
			displayNameForApiField,
		);
		expect(explained.message).toContain('primary_email: It should be a unique value');
		expect(explained.message).toContain('create the requester jane@example.com');
		expect(explained.description).toContain("Check 'Email'");
		expect(explained.description).toContain('already has this value');
	});

	it('speaks plainly when there is no body', () => {
		expect(explainFreshserviceError(503, undefined, 'list requesters').message).toBe(
			'Freshservice had an internal error while trying to list requesters',
		);
		expect(explainFreshserviceError(401, { code: 'invalid_credentials', message: 'You have to be logged in' }, 'x').message).toMatch(
			/API key.*You have to be logged in/,
		);
	});
});

describe('pagination', () => {
	it('reads the next page from the link header', () => {
		expect(nextPageFromLink('<https://acme.freshservice.com/api/v2/requesters?per_page=100&page=3>; rel="next"')).toBe(3);
		expect(nextPageFromLink('<https://x/api/v2/agents?page=2>; rel="prev", <https://x/api/v2/agents?page=4>; rel="next"')).toBe(4);
		expect(nextPageFromLink(undefined)).toBeUndefined();
		expect(nextPageFromLink('<https://x/api/v2/agents?page=1>; rel="prev"')).toBeUndefined();
	});
});

describe('Get Many filters', () => {
	it('uses the email filter, and the search query only for department or location', () => {
		expect(listQuery('requester', { email: 'Jane@Example.com' })).toEqual({ qs: { email: 'jane@example.com' } });
		expect(listQuery('agent', { activeState: 'inactive' }).qs).toEqual({ active: false });
		expect(listQuery('requester', { departmentId: '21000000001', email: 'a@b.co' }).qs).toEqual({
			query: `"primary_email:'a@b.co' AND department_id:21000000001"`,
		});
		const { keep } = listQuery('requester', { activeState: 'active' });
		expect(keep?.({ active: true })).toBe(true);
		expect(keep?.({ active: false })).toBe(false);
		expect(() => listQuery('agent', { locationId: 'Berlin' })).toThrow(/Filters → Location/);
	});
});

describe('withoutSecrets', () => {
	it('masks Authorization-style values in any text and secret-named keys, and leaves the rest as it was', () => {
		const body = {
			message: 'Refused. Authorization: Basic c2ltLWFkbWluOlg=, retry with Bearer abc.def-ghi',
			errors: [{ field: 'authorization', message: 'Not accepted: basic c2ltOlg=', code: 'invalid_value' }],
			request: { headers: { Authorization: 'Basic c2ltOlg=', 'X-Api-Key': 'k-123', accept: 'application/json' } },
			count: 2,
		};
		expect(withoutSecrets(body)).toEqual({
			message: 'Refused. Authorization: Basic ***, retry with Bearer ***',
			errors: [{ field: 'authorization', message: 'Not accepted: basic ***', code: 'invalid_value' }],
			request: { headers: { Authorization: '***', 'X-Api-Key': '***', accept: 'application/json' } },
			count: 2,
		});
		expect(body.request.headers.Authorization).toBe('Basic c2ltOlg=');
		expect(explainFreshserviceError(400, body, 'look up requesters').message).not.toMatch(/c2lt/);
	});
});
