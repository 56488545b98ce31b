import { useSimulator } from './helpers';

const { sim, api } = useSimulator();

const NEXT_LINK = /^<([^>]+)>; rel="next"$/;

describe('pagination', () => {
	beforeEach(() => {
		sim().control.seed({ requesters: 75, randomSeed: 11 });
	});

	it('defaults to 30 a page and links the next page with the same parameters', async () => {
		const first = await api().get('/requesters');
		expect(first.data.requesters).toHaveLength(30);
		const link = NEXT_LINK.exec(first.headers.link);
		expect(link?.[1]).toBe(`${sim().apiBaseUrl}/requesters?page=2`);
		const withParams = await api().get('/requesters', { params: { include_agents: 'true', per_page: 20, page: 2 } });
		expect(NEXT_LINK.exec(withParams.headers.link)?.[1]).toBe(`${sim().apiBaseUrl}/requesters?include_agents=true&per_page=20&page=3`);
	});

	it('walks every page exactly once, sorted by first name, with no link on the last page', async () => {
		const seen: Array<{ id: number; first_name: string }> = [];
		let url: string | undefined = `${sim().apiBaseUrl}/requesters?per_page=20`;
		let pages = 0;
		while (url) {
			const response: { status: number; data: { requesters: typeof seen }; headers: Record<string, string> } = await api().get(url);
			expect(response.status).toBe(200);
			seen.push(...response.data.requesters);
			pages++;
			url = response.headers.link ? NEXT_LINK.exec(response.headers.link)?.[1] : undefined;
		}
		const total = sim().control.state().requesters.length;
		expect(total).toBe(75);
		expect(pages).toBe(4);
		expect(new Set(seen.map((user) => user.id)).size).toBe(total);
		const firstNames = seen.map((user) => user.first_name.toLowerCase());
		expect([...firstNames].sort()).toEqual(firstNames);
	});

	it('answers an empty page past the end', async () => {
		const response = await api().get('/requesters', { params: { page: 50 } });
		expect(response.status).toBe(200);
		expect(response.data.requesters).toEqual([]);
		expect(response.headers.link).toBeUndefined();
	});

	it.each([
		['per_page', '101'],
		['per_page', '0'],
		['per_page', 'ten'],
		['page', '0'],
		['page', '-1'],
		['page', '1.5'],
	])('refuses %s=%s with 400 invalid_value', async (name, value) => {
		for (const path of ['/requesters', '/agents', '/departments']) {
			const response = await api().get(path, { params: { [name]: value } });
			expect(response.status).toBe(400);
			expect(response.data.errors).toEqual([expect.objectContaining({ field: name, code: 'invalid_value' })]);
		}
	});

	it('accepts per_page=100', async () => {
		const response = await api().get('/requesters', { params: { per_page: 100 } });
		expect(response.status).toBe(200);
		expect(response.data.requesters).toHaveLength(sim().control.state().requesters.length);
	});
});

describe('lookups', () => {
	it('lists departments, locations, roles, groups and requester groups with 11-digit ids', async () => {
		const departments = (await api().get('/departments')).data.departments;
		expect(departments.map((department: { name: string }) => department.name)).toEqual(
			expect.arrayContaining(['Engineering', 'Sales', 'Human Resources', 'Finance', 'IT', 'Marketing']),
		);
		expect(departments[0]).toMatchObject({ description: expect.any(String), head_user_id: null, domains: [] });
		const locations = (await api().get('/locations')).data.locations;
		expect(locations.length).toBeGreaterThanOrEqual(4);
		expect(locations[0].address).toHaveProperty('city');
		const roles = (await api().get('/roles')).data.roles;
		expect(roles.map((role: { name: string }) => role.name)).toEqual(expect.arrayContaining(['Account Admin', 'Admin', 'SD Agent', 'SD Supervisor']));
		const groups = (await api().get('/groups')).data.groups;
		expect(groups.length).toBeGreaterThanOrEqual(4);
		const requesterGroups = (await api().get('/requester_groups')).data.requester_groups;
		expect(requesterGroups[0]).toMatchObject({ type: expect.stringMatching(/manual|rule_based/) });
		for (const record of [...departments, ...locations, ...roles, ...groups, ...requesterGroups]) {
			expect(String(record.id)).toMatch(/^\d{11}$/);
		}
	});

	it('shows one record, 404 for an unknown id, 405 for a write', async () => {
		const [department] = (await api().get('/departments')).data.departments;
		const shown = await api().get(`/departments/${department.id}`);
		expect(shown.data.department).toEqual(department);
		const [role] = (await api().get('/roles')).data.roles;
		expect((await api().get(`/roles/${role.id}`)).data.role).toEqual(role);
		expect((await api().get('/locations/21000000001')).status).toBe(404);
		const write = await api().post('/roles', { name: 'x' });
		expect(write.status).toBe(405);
		expect(write.headers.allow).toBe('GET');
	});

	it('lists requester fields, defaults and the custom ones with their choices', async () => {
		const fields = (await api().get('/requester_fields')).data.requester_fields;
		const byName = Object.fromEntries(fields.map((field: { name: string }) => [field.name, field]));
		expect(byName.first_name).toMatchObject({ type: 'default_first_name', default: true });
		expect(byName.language.choices).toMatchObject({ en: 'English', 'pt-BR': 'Portuguese (BR)' });
		expect(byName.employee_id).toMatchObject({ type: 'custom_text', default: false, label: 'Employee ID' });
		expect(byName.cost_center).toMatchObject({ type: 'custom_dropdown', choices: expect.arrayContaining(['CC-200 Sales']) });
		expect(byName.remote_worker).toMatchObject({ type: 'custom_checkbox' });
		const agentFields = (await api().get('/agent_fields')).data.agent_fields;
		expect(agentFields.map((field: { name: string }) => field.name)).toEqual(expect.arrayContaining(['email', 'shift', 'on_call']));
	});
});
