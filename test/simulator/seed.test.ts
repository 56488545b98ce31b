import { startSimulator } from '../../simulator';
import { apiClient, useSimulator } from './helpers';

const { sim, api } = useSimulator();

describe('seed', () => {
	// How fast seeding and listing are is the benchmark's business (npm run bench); here, what they give.
	it('creates 20 000 realistic users with unique emails, and lists and filters them', async () => {
		const result = sim().control.seed({ requesters: 19_900, agents: 100, randomSeed: 5 });
		expect(result.requesterIds).toHaveLength(19_900);
		expect(result.agentIds).toHaveLength(100);
		const { requesters, agents } = sim().control.state();
		expect(requesters).toHaveLength(19_900);
		expect(agents).toHaveLength(103);
		const emails = [...requesters, ...agents].map((user) => ('email' in user ? user.email : user.primary_email));
		expect(new Set(emails.map((email) => email?.toLowerCase())).size).toBe(20_003);
		const slug = (name: string | null) => (name ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
		for (const user of requesters.slice(0, 500)) {
			expect(user.primary_email).toMatch(new RegExp(`^${slug(user.first_name)}\\.${slug(user.last_name)}\\d*@acme\\.example$`));
		}
		expect(requesters.every((user) => String(user.id).length === 11)).toBe(true);
		expect(requesters.filter((user) => user.department_ids.length > 0).length).toBeGreaterThan(15_000);
		expect(requesters.filter((user) => user.work_phone_number !== null).length).toBeGreaterThan(8_000);
		expect(new Set(requesters.map((user) => user.job_title)).size).toBeGreaterThan(10);
		expect(requesters.every((user) => user.active)).toBe(true);

		const page = await api().get('/requesters', { params: { per_page: 100, page: 150 } });
		expect(page.status).toBe(200);
		expect(page.data.requesters).toHaveLength(100);
		const found = await api().get('/requesters', { params: { email: requesters[19_000].primary_email } });
		expect(found.data.requesters.map((user: { id: number }) => user.id)).toEqual([requesters[19_000].id]);
	});

	it('is deterministic for a seed and differs for another', () => {
		const first = sim().control.seed({ requesters: 50, randomSeed: 1 });
		const firstPeople = sim().control.state().requesters;
		sim().control.reset();
		const again = sim().control.seed({ requesters: 50, randomSeed: 1 });
		expect(again).toEqual(first);
		expect(sim().control.state().requesters).toEqual(firstPeople);
		sim().control.reset();
		sim().control.seed({ requesters: 50, randomSeed: 2 });
		expect(sim().control.state().requesters.map((user) => user.primary_email)).not.toEqual(firstPeople.map((user) => user.primary_email));
	});

	it('deactivates the asked share and seeds agents with roles and groups', () => {
		sim().control.seed({ requesters: 1000, agents: 20, randomSeed: 4, deactivatedRatio: 0.25 });
		const { requesters, agents, roles } = sim().control.state();
		const inactive = requesters.filter((user) => !user.active).length;
		expect(inactive).toBeGreaterThan(180);
		expect(inactive).toBeLessThan(320);
		const roleIds = new Set(roles.map((role) => role.id));
		const seeded = agents.slice(2);
		expect(seeded.every((agent) => agent.roles.length === 1 && roleIds.has(agent.roles[0].role_id) && agent.member_of.length === 1)).toBe(true);
	});

	it('numbers people with the same name', () => {
		sim().control.seed({ requesters: 30_000, randomSeed: 8 });
		const emails = sim().control.state().requesters.map((user) => user.primary_email ?? '');
		expect(emails.some((email) => /\d@/.test(email))).toBe(true);
		expect(new Set(emails).size).toBe(30_000);
	});

	it('refuses nonsense counts', () => {
		expect(() => sim().control.seed({ requesters: -1 })).toThrow(/requesters/);
		expect(() => sim().control.seed({ agents: 1.5 })).toThrow(/agents/);
		expect(() => sim().control.seed({ requesters: 1, deactivatedRatio: 2 })).toThrow(/deactivatedRatio/);
	});
});

describe('start options', () => {
	it('seed and demo are part of the start state and come back on reset', async () => {
		const other = await startSimulator({ demo: true, seed: { requesters: 10, randomSeed: 3 } });
		try {
			const first = other.control.state();
			expect(first.requesters.length).toBeGreaterThanOrEqual(10 + 8);
			expect(first.requesters.some((user) => user.first_name === 'Grace' && user.last_name === 'Hopper')).toBe(true);
			expect(first.requesters.some((user) => !user.active)).toBe(true);
			expect(first.requesters.some((user) => user.primary_email === null && user.mobile_phone_number !== null)).toBe(true);
			expect(first.agents.length).toBeGreaterThanOrEqual(5);
			const client = apiClient(other);
			const ada = other.control.requesterByEmail('ada.lovelace@acme.example');
			expect(ada?.reporting_manager_id).toBe(other.control.requesterByEmail('linus.berg@acme.example')?.id);
			await client.delete(`/requesters/${ada?.id}/forget`);
			other.control.reset();
			expect(other.control.state().requesters).toEqual(first.requesters);
		} finally {
			await other.close();
		}
	});

	it('close() ends with a keep-alive connection and a hung call open, and the hung call fails', async () => {
		const other = await startSimulator();
		await apiClient(other).get('/agents/me');
		other.control.injectFaults({ kind: 'hang' });
		const hung = apiClient(other).get('/roles').then(
			() => 'answered',
			(error: { code?: string }) => error.code,
		);
		while (other.control.log().length < 2) await new Promise((resolve) => setImmediate(resolve));
		// A hung call never ends by itself: close() resolves only because it ends every connection.
		await other.close();
		expect(await hung).toBe('ECONNRESET');
	});
});
