import { departmentId, requesterPayload, useSimulator } from './helpers';

const { sim, api } = useSimulator();

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

async function createRequester(overrides: Record<string, unknown> = {}) {
	const response = await api().post('/requesters', requesterPayload(overrides));
	expect(response.status).toBe(201);
	return response.data.requester;
}

describe('POST /requesters', () => {
	it('answers 201 with a Location header and every field, blanks as null', async () => {
		const response = await api().post('/requesters', { first_name: 'Jane', primary_email: 'jane@example.com' });
		expect(response.status).toBe(201);
		const requester = response.data.requester;
		expect(response.headers.location).toBe(`${sim().apiBaseUrl}/requesters/${requester.id}`);
		expect(requester.id).toBeGreaterThan(9_999_999_999);
		expect(requester).toMatchObject({
			first_name: 'Jane',
			last_name: null,
			job_title: null,
			primary_email: 'jane@example.com',
			secondary_emails: [],
			work_phone_number: null,
			mobile_phone_number: null,
			department_ids: [],
			department_names: [],
			can_see_all_tickets_from_associated_departments: false,
			reporting_manager_id: null,
			address: null,
			time_zone: 'Eastern Time (US & Canada)',
			time_format: '12h',
			language: 'en',
			location_id: null,
			location_name: null,
			background_information: null,
			custom_fields: { employee_id: null, cost_center: null, remote_worker: null },
			external_id: null,
			active: true,
			has_logged_in: false,
			is_agent: false,
			vip_user: false,
		});
		expect(requester.created_at).toMatch(TIMESTAMP);
		expect(requester.updated_at).toMatch(TIMESTAMP);
		expect(sim().control.requesterByEmail('jane@example.com')?.id).toBe(requester.id);
	});

	it('stores every writable field and answers names for department and location', async () => {
		const engineering = departmentId(sim(), 'Engineering');
		const location = sim().control.state().locations[1];
		const manager = await createRequester({ first_name: 'Mona', primary_email: 'mona@example.com' });
		const requester = await createRequester({
			job_title: 'Engineer',
			secondary_emails: ['jd@example.org'],
			work_phone_number: '+1 555 0100',
			mobile_phone_number: 15550101,
			department_ids: [engineering],
			can_see_all_tickets_from_associated_departments: true,
			reporting_manager_id: manager.id,
			address: '1 Main St',
			time_zone: 'Berlin',
			time_format: '24h',
			language: 'pt-BR',
			location_id: location.id,
			background_information: 'Joined in 2024',
			custom_fields: { employee_id: 'E-1', cost_center: 'CC-100 Engineering', remote_worker: true },
			external_id: 'okta-00u1',
		});
		expect(requester).toMatchObject({
			job_title: 'Engineer',
			secondary_emails: ['jd@example.org'],
			mobile_phone_number: '15550101',
			department_ids: [engineering],
			department_names: ['Engineering'],
			can_see_all_tickets_from_associated_departments: true,
			reporting_manager_id: manager.id,
			time_zone: 'Berlin',
			language: 'pt-BR',
			location_id: location.id,
			location_name: location.name,
			custom_fields: { employee_id: 'E-1', cost_center: 'CC-100 Engineering', remote_worker: true },
			external_id: 'okta-00u1',
		});
	});

	it('accepts a phone number instead of an email', async () => {
		const response = await api().post('/requesters', { first_name: 'Nia', mobile_phone_number: '+44 7700 900123' });
		expect(response.status).toBe(201);
		expect(response.data.requester.primary_email).toBeNull();
	});

	it('lower-cases emails', async () => {
		const requester = await createRequester({ primary_email: 'Jane.DOE@Example.com' });
		expect(requester.primary_email).toBe('jane.doe@example.com');
	});

	it.each<[string, string, string, Record<string, unknown>]>([
		['first_name missing', 'first_name', 'missing_field', { primary_email: 'a@example.com' }],
		['no email nor phone', 'primary_email', 'missing_field', { first_name: 'A' }],
		['malformed email', 'primary_email', 'invalid_value', { first_name: 'A', primary_email: 'not-an-email' }],
		['first_name a number', 'first_name', 'datatype_mismatch', { first_name: 42, primary_email: 'a@example.com' }],
		['blank first_name', 'first_name', 'invalid_value', { first_name: '  ', primary_email: 'a@example.com' }],
		['department_ids not an array', 'department_ids', 'datatype_mismatch', requesterPayload({ department_ids: 5 })],
		['department_ids of strings', 'department_ids', 'datatype_mismatch', requesterPayload({ department_ids: ['5'] })],
		['boolean as string', 'can_see_all_tickets_from_associated_departments', 'datatype_mismatch', requesterPayload({ can_see_all_tickets_from_associated_departments: 'yes' })],
		['IANA time zone', 'time_zone', 'invalid_value', requesterPayload({ time_zone: 'Europe/London' })],
		['unknown time format', 'time_format', 'invalid_value', requesterPayload({ time_format: '25h' })],
		['unknown language', 'language', 'invalid_value', requesterPayload({ language: 'xx' })],
		['secondary email malformed', 'secondary_emails', 'invalid_value', requesterPayload({ secondary_emails: ['nope'] })],
		['unknown custom field', 'shoe_size', 'invalid_field', requesterPayload({ custom_fields: { shoe_size: 42 } })],
		['dropdown value not a choice', 'cost_center', 'invalid_value', requesterPayload({ custom_fields: { cost_center: 'CC-999' } })],
		['checkbox not boolean', 'remote_worker', 'datatype_mismatch', requesterPayload({ custom_fields: { remote_worker: 'yes' } })],
		['custom_fields not an object', 'custom_fields', 'datatype_mismatch', requesterPayload({ custom_fields: [] })],
		['undocumented key', 'nickname', 'invalid_field', requesterPayload({ nickname: 'JD' })],
		['agent-only key', 'email', 'invalid_field', requesterPayload({ email: 'x@example.com' })],
		['MSP-only key', 'belongs_to_workspace_ids', 'invalid_field', requesterPayload({ belongs_to_workspace_ids: [2] })],
		...['id', 'active', 'has_logged_in', 'is_agent', 'vip_user', 'created_at', 'updated_at', 'department_names', 'location_name'].map(
			(key): [string, string, string, Record<string, unknown>] => [`read-only ${key}`, key, 'invalid_field', requesterPayload({ [key]: null })],
		),
	])('refuses %s (400 on %s: %s)', async (_case, field, code, payload) => {
		const before = sim().control.state();
		const response = await api().post('/requesters', payload);
		expect(response.status).toBe(400);
		expect(response.data.description).toBe('Validation failed');
		expect(response.data.errors).toContainEqual(expect.objectContaining({ field, code }));
		// Nothing was created, whatever the payload's name or email.
		const after = sim().control.state();
		expect(after.requesters).toEqual(before.requesters);
		expect(after.agents).toEqual(before.agents);
	});

	it('names the unknown department, location and manager ids', async () => {
		const response = await api().post('/requesters', requesterPayload({ department_ids: [21000000001], location_id: 21000000002, reporting_manager_id: 21000000003 }));
		expect(response.status).toBe(400);
		const messages = Object.fromEntries(response.data.errors.map((error: { field: string; message: string }) => [error.field, error.message]));
		expect(messages.department_ids).toContain('21000000001');
		expect(messages.location_id).toContain('21000000002');
		expect(messages.reporting_manager_id).toContain('21000000003');
		expect(response.data.errors.every((error: { code: string }) => error.code === 'invalid_value')).toBe(true);
	});

	it('reports every error at once', async () => {
		const response = await api().post('/requesters', { primary_email: 'bad', nickname: 'x', time_format: 'x' });
		expect(response.data.errors.map((error: { field: string }) => error.field).sort()).toEqual(['first_name', 'nickname', 'primary_email', 'time_format']);
	});

	it('refuses a non-JSON content type with 415 and broken JSON with 400 invalid_json', async () => {
		const xml = await api().post('/requesters', '<requester/>', { headers: { 'Content-Type': 'application/xml' } });
		expect(xml.status).toBe(415);
		expect(xml.data.code).toBe('invalid_content_type');
		const broken = await api().post('/requesters', '{"first_name": "Jane",', { headers: { 'Content-Type': 'application/json' } });
		expect(broken.status).toBe(400);
		expect(broken.data.errors[0].code).toBe('invalid_json');
		const array = await api().post('/requesters', '[1]', { headers: { 'Content-Type': 'application/json' } });
		expect(array.status).toBe(400);
		expect(array.data.errors[0].code).toBe('invalid_json');
	});
});

describe('GET /requesters/{id}', () => {
	it('answers the requester, and 404 for an unknown id or an agent id', async () => {
		const requester = await createRequester();
		const found = await api().get(`/requesters/${requester.id}`);
		expect(found.status).toBe(200);
		expect(found.data.requester).toEqual(requester);
		expect((await api().get('/requesters/21000999999')).status).toBe(404);
		const agentId = sim().control.state().agents[0].id;
		expect((await api().get(`/requesters/${agentId}`)).status).toBe(404);
		expect((await api().get('/requesters/abc')).status).toBe(404);
	});
});

describe('PUT /requesters/{id}', () => {
	it('changes only the sent fields and bumps updated_at', async () => {
		const requester = await createRequester({ job_title: 'Engineer', mobile_phone_number: '123' });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const response = await api().put(`/requesters/${requester.id}`, { job_title: 'Staff Engineer' });
		expect(response.status).toBe(200);
		expect(response.data.requester).toMatchObject({ job_title: 'Staff Engineer', mobile_phone_number: '123', last_name: 'Doe' });
		expect(response.data.requester.updated_at > requester.updated_at).toBe(true);
	});

	it('resets can_see_all_tickets_from_associated_departments unless sent as true', async () => {
		const requester = await createRequester({ can_see_all_tickets_from_associated_departments: true });
		const kept = await api().put(`/requesters/${requester.id}`, { job_title: 'A', can_see_all_tickets_from_associated_departments: true });
		expect(kept.data.requester.can_see_all_tickets_from_associated_departments).toBe(true);
		const reset = await api().put(`/requesters/${requester.id}`, { job_title: 'B' });
		expect(reset.data.requester.can_see_all_tickets_from_associated_departments).toBe(false);
		expect(sim().control.userById(requester.id)?.record.can_see_all_tickets_from_associated_departments).toBe(false);
	});

	it('merges custom fields key by key and clears with null', async () => {
		const requester = await createRequester({ custom_fields: { employee_id: 'E-1', remote_worker: true } });
		const response = await api().put(`/requesters/${requester.id}`, { custom_fields: { remote_worker: null, cost_center: 'CC-200 Sales' } });
		expect(response.data.requester.custom_fields).toEqual({ employee_id: 'E-1', cost_center: 'CC-200 Sales', remote_worker: null, desk_number: null });
	});

	it('refuses read-only keys sent back and removing the last contact', async () => {
		const requester = await createRequester();
		const echoed = await api().put(`/requesters/${requester.id}`, { ...requester });
		expect(echoed.status).toBe(400);
		const fields = echoed.data.errors.map((error: { field: string }) => error.field);
		expect(fields).toEqual(expect.arrayContaining(['id', 'active', 'created_at', 'is_agent', 'department_names']));
		const noContact = await api().put(`/requesters/${requester.id}`, { primary_email: null });
		expect(noContact.status).toBe(400);
		expect(noContact.data.errors[0]).toMatchObject({ field: 'primary_email', code: 'missing_field' });
		expect((await api().put('/requesters/21000999999', { job_title: 'x' })).status).toBe(404);
	});

	it('refuses a user as their own reporting manager', async () => {
		const requester = await createRequester();
		const response = await api().put(`/requesters/${requester.id}`, { reporting_manager_id: requester.id });
		expect(response.status).toBe(400);
		expect(response.data.errors[0]).toMatchObject({ field: 'reporting_manager_id', code: 'invalid_value' });
	});
});

describe('deactivate, reactivate, forget', () => {
	it('DELETE deactivates with 204 and no body; reactivate answers 200 with the requester', async () => {
		const requester = await createRequester();
		const deleted = await api().delete(`/requesters/${requester.id}`);
		expect(deleted.status).toBe(204);
		expect(deleted.data).toBe('');
		expect(sim().control.userById(requester.id)?.record.active).toBe(false);
		const reactivated = await api().put(`/requesters/${requester.id}/reactivate`);
		expect(reactivated.status).toBe(200);
		expect(reactivated.data.requester).toMatchObject({ id: requester.id, active: true });
	});

	it('forget removes the user and frees the email', async () => {
		const requester = await createRequester();
		const forgotten = await api().delete(`/requesters/${requester.id}/forget`);
		expect(forgotten.status).toBe(204);
		expect(sim().control.userById(requester.id)).toBeUndefined();
		expect((await api().get(`/requesters/${requester.id}`)).status).toBe(404);
		expect((await api().post('/requesters', requesterPayload())).status).toBe(201);
		expect((await api().delete(`/requesters/${requester.id}/forget`)).status).toBe(404);
	});
});

describe('convert_to_agent and merge', () => {
	it('converts a requester into an occasional SD Agent with no groups, keeping the id', async () => {
		const requester = await createRequester();
		const response = await api().put(`/requesters/${requester.id}/convert_to_agent`);
		expect(response.status).toBe(200);
		const sdAgent = sim().control.state().roles.find((role) => role.name === 'SD Agent');
		expect(response.data.agent).toMatchObject({
			id: requester.id,
			email: 'jane.doe@example.com',
			occasional: true,
			roles: [{ role_id: sdAgent?.id, assignment_scope: 'entire_helpdesk', groups: [] }],
			member_of: [],
		});
		expect(sim().control.agentByEmail('jane.doe@example.com')?.id).toBe(requester.id);
		expect((await api().get(`/requesters/${requester.id}`)).status).toBe(404);
	});

	it('merges secondaries into the primary: their emails become secondary emails and they are gone', async () => {
		const primary = await createRequester();
		const second = await createRequester({ first_name: 'J', primary_email: 'jd@old.example', secondary_emails: ['jd@older.example'] });
		const third = await createRequester({ first_name: 'Jay', primary_email: 'jay@example.com', work_phone_number: '555' });
		const response = await api().put(`/requesters/${primary.id}/merge?secondary_requesters=${second.id},${third.id}`);
		expect(response.status).toBe(200);
		expect(response.data.requester.secondary_emails).toEqual(['jd@old.example', 'jd@older.example', 'jay@example.com']);
		expect(response.data.requester.work_phone_number).toBe('555');
		expect(sim().control.userById(second.id)).toBeUndefined();
		expect(sim().control.userById(third.id)).toBeUndefined();
		expect(sim().control.requesterByEmail('jay@example.com')?.id).toBe(primary.id);
	});

	it('refuses a merge without secondaries or with unknown ones', async () => {
		const primary = await createRequester();
		const missing = await api().put(`/requesters/${primary.id}/merge`);
		expect(missing.status).toBe(400);
		expect(missing.data.errors[0]).toMatchObject({ field: 'secondary_requesters', code: 'missing_field' });
		const unknown = await api().put(`/requesters/${primary.id}/merge?secondary_requesters=21000999999`);
		expect(unknown.status).toBe(400);
		expect(unknown.data.errors[0].message).toContain('21000999999');
	});
});

describe('GET /requesters', () => {
	it('lists requesters only, sorted by first name; include_agents adds agents as is_agent', async () => {
		await createRequester({ first_name: 'zoe', primary_email: 'zoe@example.com' });
		await createRequester({ first_name: 'Bob', primary_email: 'bob@example.com' });
		await createRequester({ first_name: 'alice', primary_email: 'alice@example.com' });
		const response = await api().get('/requesters');
		expect(response.status).toBe(200);
		expect(response.data.requesters.map((user: { first_name: string }) => user.first_name)).toEqual(['alice', 'Bob', 'zoe']);
		expect(response.headers.link).toBeUndefined();
		const withAgents = await api().get('/requesters?include_agents=true');
		const agents = withAgents.data.requesters.filter((user: { is_agent: boolean }) => user.is_agent);
		expect(agents.map((user: { primary_email: string }) => user.primary_email).sort()).toEqual(
			sim().control.state().agents.map((agent) => agent.email).sort(),
		);
	});

	it('filters by email, mobile and work phone', async () => {
		const jane = await createRequester({ mobile_phone_number: '111', work_phone_number: '222' });
		await createRequester({ first_name: 'Other', primary_email: 'other@example.com', mobile_phone_number: '111' });
		const byEmail = await api().get('/requesters', { params: { email: 'JANE.DOE@example.com' } });
		expect(byEmail.data.requesters.map((user: { id: number }) => user.id)).toEqual([jane.id]);
		const byMobile = await api().get('/requesters', { params: { mobile_phone_number: '111' } });
		expect(byMobile.data.requesters).toHaveLength(2);
		const byWork = await api().get('/requesters', { params: { work_phone_number: '222' } });
		expect(byWork.data.requesters.map((user: { id: number }) => user.id)).toEqual([jane.id]);
		const agentEmail = sim().control.state().agents[0].email as string;
		expect((await api().get('/requesters', { params: { email: agentEmail } })).data.requesters).toEqual([]);
		expect((await api().get('/requesters', { params: { email: agentEmail, include_agents: true } })).data.requesters).toHaveLength(1);
	});
});
