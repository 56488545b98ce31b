import { SIMULATOR_SUPERVISOR_API_KEY } from '../../simulator';
import { useSimulator } from './helpers';

const { sim, api } = useSimulator();

const hire = (overrides: Record<string, unknown> = {}) => ({
	fields: { cf_employee_name: 'Jane Doe', cf_employee_email: 'jane.doe@acme.example', cf_date_of_joining: '2027-01-04', ...overrides },
});

const departmentId = (name: string) => sim().control.state().departments.find((department) => department.name === name)!.id;

describe('onboarding and offboarding forms', () => {
	it('lists each form with labels, types, required fields, lookups with their data source and dropdown choices', async () => {
		const onboarding = await api().get('/onboarding_requests/form');
		expect(onboarding.status).toBe(200);
		expect(onboarding.data.fields).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ name: 'cf_date_of_joining', label: 'Date of Joining', required: true, field_type: 'custom_date' }),
				expect.objectContaining({ name: 'cf_department', field_type: 'custom_lookup_bigint', data_source: 6 }),
				expect.objectContaining({ name: 'cf_hierarchy', field_type: 'custom_dropdown', choices: ['L3', 'L2', 'L1'] }),
			]),
		);
		const offboarding = await api().get('/offboarding_requests/form');
		expect(offboarding.data.fields[0]).toMatchObject({ name: 'actor_2', label: 'Reporting Manager', required: true, data_source: 5 });
	});
});

describe('POST /onboarding_requests', () => {
	it('creates a request (201, Location) with every form field, lookups as IDs with their lookup_values, and a kit of tickets', async () => {
		const response = await api().post('/onboarding_requests', hire({ cf_department: departmentId('Sales'), cf_hierarchy: 'L2', cf_laptop_needed: true }));
		expect(response.status).toBe(201);
		const request = response.data.onboarding_request;
		expect(response.headers.location).toBe(`${sim().apiBaseUrl}/onboarding_requests/${request.id}`);
		expect(request).toMatchObject({ status: 1, subject: 'Employee Onboarding Request for Jane Doe' });
		expect(request.fields).toMatchObject({ cf_department: departmentId('Sales'), cf_location: null, cf_hierarchy: 'L2', cf_laptop_needed: true });
		expect(request.lookup_values.cf_department).toMatchObject({ id: departmentId('Sales'), name: 'Sales' });
		const tickets = await api().get(`/onboarding_requests/${request.id}/tickets`);
		expect(tickets.data.onboarding_tickets).toHaveLength(3);
		expect(tickets.data.onboarding_tickets[0].successor_ticket_ids).toHaveLength(2);
		expect((await api().get(`/onboarding_requests/${request.id}`)).data.onboarding_request.id).toBe(request.id);
	});

	it('refuses unknown fields, wrong types, choices not offered and lookups that point nowhere, all at once', async () => {
		const response = await api().post('/onboarding_requests', hire({ cf_shoe_size: 42, cf_hierarchy: 'L9', cf_date_of_joining: '04/01/2027', cf_location: 1 }));
		expect(response.status).toBe(400);
		expect(response.data.errors.map((error: { field: string; code: string }) => [error.field, error.code]).sort()).toEqual([
			['cf_date_of_joining', 'datatype_mismatch'],
			['cf_hierarchy', 'invalid_value'],
			['cf_location', 'invalid_value'],
			['cf_shoe_size', 'invalid_field'],
		]);
	});

	it('lookup fields take IDs only, or names and emails too (employeeRequestLookupValues)', async () => {
		expect((await api().post('/onboarding_requests', hire({ cf_department: 'Sales' }))).status).toBe(400);
		sim().control.configure({ behaviours: { employeeRequestLookupValues: 'idsOrNames' } });
		const response = await api().post('/onboarding_requests', hire({ cf_department: 'sales', cf_reporting_manager: 'sam.okafor@acme.example' }));
		expect(response.status).toBe(201);
		expect(response.data.onboarding_request.fields.cf_department).toBe(departmentId('Sales'));
	});

	it('a missing required field is a 400 missing_field, or accepted (employeeRequestMissingRequired)', async () => {
		const missing = { fields: { cf_employee_name: 'Jane Doe', cf_employee_email: 'jane.doe@acme.example' } };
		const refused = await api().post('/onboarding_requests', missing);
		expect(refused.status).toBe(400);
		expect(refused.data.errors).toEqual([{ field: 'cf_date_of_joining', code: 'missing_field', message: 'It should be a mandatory field' }]);
		sim().control.configure({ behaviours: { employeeRequestMissingRequired: 'accepted' } });
		expect((await api().post('/onboarding_requests', missing)).status).toBe(201);
	});

	it('only an admin key may set initiator_id (403 otherwise); the admin may', async () => {
		const admin = sim().control.state().agents.find((agent) => agent.first_name === 'Sam')!;
		expect((await api(SIMULATOR_SUPERVISOR_API_KEY).post('/onboarding_requests', { ...hire(), initiator_id: admin.id })).status).toBe(403);
		expect((await api(SIMULATOR_SUPERVISOR_API_KEY).post('/onboarding_requests', hire())).status).toBe(201);
		expect((await api().post('/onboarding_requests', { ...hire(), initiator_id: admin.id })).status).toBe(201);
	});

	it('offboarding has the same shape under its own keys', async () => {
		const admin = sim().control.state().agents.find((agent) => agent.first_name === 'Sam')!;
		const response = await api().post('/offboarding_requests', { fields: { actor_2: admin.id, cf_employee_email: 'leaver@acme.example', cf_last_working_date: '2027-01-29' } });
		expect(response.status).toBe(201);
		expect(response.data.offboarding_request.lookup_values.actor_2).toMatchObject({ id: admin.id, email: admin.email });
		expect((await api().get(`/offboarding_requests/${response.data.offboarding_request.id}/tickets`)).data.offboarding_tickets).toHaveLength(3);
	});
});

describe('GET /onboarding_requests', () => {
	it('starts with requests already raised, one cancelled; pages with a link header, or answers all at once (employeeRequestListPaging)', async () => {
		for (let index = 0; index < 3; index++) await api().post('/onboarding_requests', hire({ cf_employee_email: `p${index}@acme.example` }));
		const first = await api().get('/onboarding_requests', { params: { per_page: 2 } });
		expect(first.data.onboarding_requests).toHaveLength(2);
		expect(first.headers.link).toContain('page=2');
		const all = (await api().get('/onboarding_requests', { params: { per_page: 100 } })).data.onboarding_requests;
		expect(all).toHaveLength(5);
		expect(all.filter((request: { status: number }) => request.status === 2).map((request: { fields: { cf_employee_email: string } }) => request.fields.cf_employee_email)).toEqual([
			'casey.brandt@acme.example',
		]);
		sim().control.configure({ behaviours: { employeeRequestListPaging: 'all' } });
		const unpaged = await api().get('/onboarding_requests', { params: { per_page: 2 } });
		expect(unpaged.data.onboarding_requests).toHaveLength(5);
		expect(unpaged.headers.link).toBeUndefined();
	});

	it('?status= is ignored, applied, or refused (employeeRequestStatusFilter)', async () => {
		expect((await api().get('/onboarding_requests', { params: { status: 2 } })).data.onboarding_requests).toHaveLength(2);
		sim().control.configure({ behaviours: { employeeRequestStatusFilter: 'applied' } });
		expect((await api().get('/onboarding_requests', { params: { status: 2 } })).data.onboarding_requests).toHaveLength(1);
		sim().control.configure({ behaviours: { employeeRequestStatusFilter: 'rejected' } });
		expect((await api().get('/onboarding_requests', { params: { status: 2 } })).status).toBe(400);
	});

	it('an unknown request is a 404', async () => {
		expect((await api().get('/onboarding_requests/1')).status).toBe(404);
		expect((await api().get('/offboarding_requests/1/tickets')).status).toBe(404);
	});
});
