import { agentPayload, departmentId, requesterPayload, useSimulator } from './helpers';

const { sim, api } = useSimulator();

interface Person {
	id: number;
	first_name: string;
	created_at: string;
}

async function createRequester(overrides: Record<string, unknown>): Promise<Person> {
	const response = await api().post('/requesters', requesterPayload(overrides));
	expect(response.status).toBe(201);
	return response.data.requester;
}

const query = (text: string, extra: Record<string, string> = {}) => api().get('/requesters', { params: { query: text, ...extra } });
const names = (response: { data: { requesters: Person[] } }) => response.data.requesters.map((person) => person.first_name);

describe('requester query language', () => {
	let people: Record<string, Person>;
	beforeEach(async () => {
		const sales = departmentId(sim(), 'Sales');
		const it = departmentId(sim(), 'IT');
		people = {
			john: await createRequester({ first_name: 'John', last_name: 'Smith', primary_email: 'john.smith@acme.test', job_title: 'Staff Engineer', department_ids: [sales], language: 'fr' }),
			johanna: await createRequester({ first_name: 'Johanna', last_name: 'Berg', primary_email: 'johanna@acme.test', job_title: 'Recruiter', department_ids: [it], mobile_phone_number: '555', custom_fields: { cost_center: 'CC-500 IT', remote_worker: true } }),
			mark: await createRequester({ first_name: 'Mark', last_name: 'Johnson', primary_email: 'mark@acme.test', job_title: 'Staff Engineer', department_ids: [it, sales], time_zone: 'Eastern Time (US & Canada)' }),
		};
	});

	it('matches field:text case-insensitively, newest first, without a link header', async () => {
		const response = await query(`"job_title:'staff engineer'"`);
		expect(response.status).toBe(200);
		expect(names(response)).toEqual(['Mark', 'John']);
		expect(response.headers.link).toBeUndefined();
	});

	it('matches numbers in multi-valued department_id, with AND, OR and parentheses', async () => {
		const sales = departmentId(sim(), 'Sales');
		const it = departmentId(sim(), 'IT');
		expect(names(await query(`"department_id:${sales}"`))).toEqual(['Mark', 'John']);
		expect(names(await query(`"department_id:${sales} AND department_id:${it}"`))).toEqual(['Mark']);
		expect(names(await query(`"job_title:'Recruiter' OR (department_id:${sales} AND language:'fr')"`))).toEqual(['Johanna', 'John']);
		expect(names(await query(`"(job_title : 'Staff Engineer' AND time_zone:'Eastern Time (US & Canada)')"`))).toEqual(['Mark', 'John']);
	});

	it('supports null, starts-with on names and email parts, custom fields', async () => {
		expect(names(await query(`"mobile_phone_number:null AND job_title:'Staff Engineer'"`))).toEqual(['Mark', 'John']);
		expect(names(await query(`"~[first_name]:'joh'"`))).toEqual(['Johanna', 'John']);
		expect(names(await query(`"~[first_name|last_name]:'john'"`))).toEqual(['Mark', 'John']);
		expect(names(await query(`"~[primary_email]:'smith'"`))).toEqual(['John']);
		expect(names(await query(`"cost_center:'CC-500 IT'"`))).toEqual(['Johanna']);
		expect(names(await query(`"remote_worker:true"`))).toEqual(['Johanna']);
		expect(names(await query(`"name:'Mark Johnson'"`))).toEqual(['Mark']);
	});

	it('compares dates and numbers with :> and :<', async () => {
		const today = people.john.created_at.slice(0, 10);
		expect(names(await query(`"created_at:>'${today}' AND job_title:'Recruiter'"`))).toEqual(['Johanna']);
		expect(names(await query(`"created_at:<'2020-01-01' AND job_title:'Recruiter'"`))).toEqual([]);
		expect(names(await query(`"created_at:'${today}' AND job_title:'Recruiter'"`))).toEqual(['Johanna']);
		const sales = departmentId(sim(), 'Sales');
		expect(names(await query(`"department_id:>${sales} AND job_title:'Recruiter'"`))).toEqual(['Johanna']);
	});

	it('includes agents only with include_agents=true', async () => {
		await api().post('/agents', agentPayload(sim(), { email: 'joanne@acme.test', first_name: 'Joanne' }));
		expect(names(await query(`"~[first_name]:'jo'"`))).toEqual(['Johanna', 'John']);
		expect(names(await query(`"~[first_name]:'jo'"`, { include_agents: 'true' }))).toEqual(['Joanne', 'Johanna', 'John']);
	});

	it.each([
		['no surrounding double quotes', "job_title:'Staff Engineer'", 'query'],
		['an unterminated string', `"job_title:'Staff"`, 'query'],
		['a quote inside the value', `"last_name:'O'Brien'"`, 'query'],
		['a dangling AND', `"job_title:'x' AND"`, 'query'],
		['lower-case and', `"job_title:'x' and language:'en'"`, 'query'],
		['an unbalanced parenthesis', `"(job_title:'x'"`, 'query'],
		['a missing value', `"job_title:"`, 'query'],
		['an empty query', `""`, 'query'],
		['an unknown field', `"time_period:<'2020-02-02'"`, 'time_period'],
		['text in a numeric field', `"department_id:'abc'"`, 'department_id'],
		['a dropdown value that is no choice', `"cost_center:'not-exist'"`, 'cost_center'],
		['a relational operator on text', `"job_title:>'a'"`, 'job_title'],
		['an invalid date', `"created_at:>'yesterday'"`, 'created_at'],
		['starts-with on an unsupported field', `"~[job_title]:'x'"`, 'job_title'],
		['the agents email field on requesters', `"email:'a@b.c'"`, 'email'],
	])('refuses %s with 400 invalid_value', async (_case, text, field) => {
		const response = await query(text);
		expect(response.status).toBe(400);
		expect(response.data.description).toBe('Validation failed');
		expect(response.data.errors[0]).toMatchObject({ field, code: 'invalid_value' });
	});

	it('refuses more than 512 characters and pages beyond 40', async () => {
		const long = `"${Array.from({ length: 60 }, () => "language:'en'").join(' OR ')}"`;
		expect(long.length).toBeGreaterThan(514);
		expect((await query(long)).status).toBe(400);
		const atLimit = `"job_title:'${'x'.repeat(512 - "job_title:''".length)}'"`;
		expect((await query(atLimit)).status).toBe(200);
		expect((await query(`"language:'en'"`, { page: '41' })).status).toBe(400);
		expect((await query(`"language:'en'"`, { page: '40' })).status).toBe(200);
	});
});

describe('query paging', () => {
	it('answers 30 a page whatever per_page says, and stops after 40 pages', async () => {
		sim().control.seed({ requesters: 1300, randomSeed: 3 });
		const first = await query(`"language:'en'"`, { per_page: '100' });
		expect(first.data.requesters).toHaveLength(30);
		const createdAt = first.data.requesters.map((person: Person) => person.created_at);
		expect([...createdAt].sort().reverse()).toEqual(createdAt);
		const last = await query(`"language:'en'"`, { page: '40' });
		expect(last.data.requesters).toHaveLength(30);
		expect(last.headers.link).toBeUndefined();
	});
});

describe('agents query', () => {
	it('uses email (not primary_email) and agent custom fields', async () => {
		await api().post('/agents', agentPayload(sim(), { email: 'night.owl@acme.test', custom_fields: { shift: 'Night' } }));
		const byEmail = await api().get('/agents', { params: { query: `"email:'night.owl@acme.test'"` } });
		expect(byEmail.data.agents.map((agent: { email: string }) => agent.email)).toEqual(['night.owl@acme.test']);
		const byShift = await api().get('/agents', { params: { query: `"shift:'Night'"` } });
		expect(byShift.data.agents).toHaveLength(1);
		expect((await api().get('/agents', { params: { query: `"primary_email:'x@y.z'"` } })).status).toBe(400);
	});
});

describe('departments and locations query', () => {
	it("finds by name:'...' and refuses other fields", async () => {
		const sales = await api().get('/departments', { params: { query: `"name:'Sales'"` } });
		expect(sales.status).toBe(200);
		expect(sales.data.departments.map((department: { name: string }) => department.name)).toEqual(['Sales']);
		const berlin = await api().get('/locations', { params: { query: `"name:'berlin'"` } });
		expect(berlin.data.locations.map((location: { name: string }) => location.name)).toEqual(['Berlin']);
		const bad = await api().get('/departments', { params: { query: `"head_user_id:1"` } });
		expect(bad.status).toBe(400);
		expect(bad.data.errors[0]).toMatchObject({ field: 'head_user_id', code: 'invalid_value' });
	});
});
