import { agentPayload, requesterPayload, useSimulator } from './helpers';

const { sim, api } = useSimulator();

const DUPLICATE = { code: 'duplicate_value', message: 'It should be a unique value' };

async function create(path: '/requesters' | '/agents', payload: Record<string, unknown>) {
	const response = await api().post(path, payload);
	expect(response.status).toBe(201);
	return response.data.requester ?? response.data.agent;
}

describe('duplicate email (default status 409)', () => {
	it('refuses a requester whose email an active requester has, case-insensitively, and creates nothing', async () => {
		await create('/requesters', requesterPayload());
		const before = sim().control.state().requesters.length;
		const response = await api().post('/requesters', requesterPayload({ first_name: 'Other', primary_email: 'JANE.DOE@example.COM' }));
		expect(response.status).toBe(409);
		expect(response.data).toEqual({ description: 'Validation failed', errors: [{ field: 'primary_email', ...DUPLICATE }] });
		expect(sim().control.state().requesters).toHaveLength(before);
	});

	it('counts a deactivated requester', async () => {
		const existing = await create('/requesters', requesterPayload());
		await api().delete(`/requesters/${existing.id}`);
		const response = await api().post('/requesters', requesterPayload({ first_name: 'Other' }));
		expect(response.status).toBe(409);
		expect(response.data.errors[0]).toMatchObject({ field: 'primary_email', ...DUPLICATE });
	});

	it("counts another user's secondary email", async () => {
		await create('/requesters', requesterPayload({ primary_email: 'a@example.com', secondary_emails: ['jane.doe@example.com'] }));
		const response = await api().post('/requesters', requesterPayload());
		expect(response.status).toBe(409);
		expect(response.data.errors[0].field).toBe('primary_email');
	});

	it('counts an agent for a requester, and a requester for an agent (field email)', async () => {
		await create('/agents', agentPayload(sim(), { email: 'ada@example.com' }));
		const requester = await api().post('/requesters', requesterPayload({ primary_email: 'ada@example.com' }));
		expect(requester.status).toBe(409);
		expect(requester.data.errors[0]).toMatchObject({ field: 'primary_email', ...DUPLICATE });
		await create('/requesters', requesterPayload());
		const agent = await api().post('/agents', agentPayload(sim(), { email: 'Jane.Doe@example.com' }));
		expect(agent.status).toBe(409);
		expect(agent.data.errors[0]).toMatchObject({ field: 'email', ...DUPLICATE });
	});

	it('counts a deactivated agent for an agent', async () => {
		const agent = await create('/agents', agentPayload(sim()));
		expect((await api().delete(`/agents/${agent.id}`)).status).toBe(200);
		const response = await api().post('/agents', agentPayload(sim(), { first_name: 'Again' }));
		expect(response.status).toBe(409);
		expect(response.data.errors[0]).toMatchObject({ field: 'email', ...DUPLICATE });
	});

	it('refuses a secondary email that another user holds (field secondary_emails)', async () => {
		await create('/requesters', requesterPayload());
		const response = await api().post('/requesters', requesterPayload({ primary_email: 'x@example.com', secondary_emails: ['jane.doe@example.com'] }));
		expect(response.status).toBe(409);
		expect(response.data.errors[0]).toMatchObject({ field: 'secondary_emails', ...DUPLICATE });
	});

	it('refuses an update to a taken email, but not a user keeping their own', async () => {
		await create('/requesters', requesterPayload());
		const other = await create('/requesters', requesterPayload({ primary_email: 'other@example.com' }));
		const taken = await api().put(`/requesters/${other.id}`, { primary_email: 'jane.doe@example.com' });
		expect(taken.status).toBe(409);
		expect(taken.data.errors[0]).toMatchObject({ field: 'primary_email', ...DUPLICATE });
		expect(sim().control.userById(other.id)?.record).toMatchObject({ primary_email: 'other@example.com' });
		const own = await api().put(`/requesters/${other.id}`, { primary_email: 'OTHER@example.com', job_title: 'x' });
		expect(own.status).toBe(200);
	});

	it('refuses an agent update to a taken email', async () => {
		await create('/requesters', requesterPayload());
		const agent = await create('/agents', agentPayload(sim()));
		const response = await api().put(`/agents/${agent.id}`, { email: 'jane.doe@example.com' });
		expect(response.status).toBe(409);
		expect(response.data.errors[0]).toMatchObject({ field: 'email', ...DUPLICATE });
	});

	it('a validation error wins over a duplicate (400, not 409)', async () => {
		await create('/requesters', requesterPayload());
		const response = await api().post('/requesters', requesterPayload({ nickname: 'x' }));
		expect(response.status).toBe(400);
		expect(response.data.errors).toEqual([expect.objectContaining({ field: 'nickname', code: 'invalid_field' })]);
	});
});

describe('duplicateEmailStatus: 400', () => {
	beforeEach(() => {
		sim().control.configure({ behaviours: { duplicateEmailStatus: 400 } });
	});

	it('answers the same body with 400 on create and update', async () => {
		const jane = await create('/requesters', requesterPayload());
		const other = await create('/requesters', requesterPayload({ primary_email: 'other@example.com' }));
		const created = await api().post('/requesters', requesterPayload());
		expect(created.status).toBe(400);
		expect(created.data.errors).toEqual([{ field: 'primary_email', ...DUPLICATE }]);
		const updated = await api().put(`/requesters/${other.id}`, { secondary_emails: [jane.primary_email] });
		expect(updated.status).toBe(400);
		expect(updated.data.errors).toEqual([{ field: 'secondary_emails', ...DUPLICATE }]);
		const agent = await api().post('/agents', agentPayload(sim(), { email: 'other@example.com' }));
		expect(agent.status).toBe(400);
		expect(agent.data.errors).toEqual([{ field: 'email', ...DUPLICATE }]);
	});
});
