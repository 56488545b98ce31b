/**
 * Agent groups change only through each agent's own member_of / observer_of, so two executions
 * changing two agents' memberships of one group at the same time both hold. Through n8n-core's
 * execute context (the transport's context in a run) against the simulator.
 */
import { agentGroupList, agentGroupOutcome, planMembership } from '../../nodes/FreshserviceProvisioning/provisioning/groups';
import { readAgentGroups, updateAgentGroups } from '../../nodes/FreshserviceProvisioning/transport/groups';
import { createSession } from '../../nodes/FreshserviceProvisioning/transport/session';
import { executeContextFor } from '../harness/source';
import { useSimulator } from './fixtures';

const { sim, credentials, writes } = useSimulator();

const session = () => createSession(executeContextFor(credentials(), { resource: 'user', operation: 'get' }, [{}]));

async function addToGroup(agentId: number, groupName: string) {
	const own = session();
	const groups = await readAgentGroups(own, 0);
	const group = groups.find((candidate) => candidate.name === groupName)!;
	const agent = sim().control.userById(agentId)!.record as { member_of: number[]; member_of_pending_approval: number[] };
	const { steps } = planMembership({
		userId: agentId,
		desired: [group],
		current: new Set([...agent.member_of, ...agent.member_of_pending_approval]),
		mode: 'addOnly',
		role: 'member',
	});
	const memberOf = agentGroupList(agent.member_of, agent.member_of_pending_approval, steps, 'member');
	const answer = await updateAgentGroups(own, agentId, { member_of: memberOf }, 0);
	return { answer, outcome: agentGroupOutcome(steps, answer) };
}

it('two executions adding two agents to the same group at once: both hold, each with one agent update', async () => {
	const [first, second] = sim().control.state().agents;
	const network = sim().control.state().groups.find((group) => group.name === 'Network')!.id;
	await Promise.all([addToGroup(first.id, 'Network'), addToGroup(second.id, 'Network')]);
	const members = sim()
		.control.state()
		.agents.filter((agent) => agent.member_of.includes(network))
		.map((agent) => agent.id);
	expect(members.sort()).toEqual([first.id, second.id].sort());
	expect(writes().map((entry) => `${entry.method} ${entry.path}`).sort()).toEqual([`PUT /api/v2/agents/${first.id}`, `PUT /api/v2/agents/${second.id}`].sort());
	for (const entry of writes()) expect(Object.keys(entry.requestBody as object)).toEqual(['member_of']);
});

it('a restricted group reports the agent as pending approval, not added, and a later change keeps that request', async () => {
	const [agent] = sim().control.state().agents;
	const { answer, outcome } = await addToGroup(agent.id, 'Security Operations');
	const restricted = sim().control.state().groups.find((group) => group.name === 'Security Operations')!.id;
	expect(answer.member_of).not.toContain(restricted);
	expect(outcome).toEqual({ member_of: { added: [], pendingApproval: ['Security Operations'], removed: [] } });
	expect((await addToGroup(agent.id, 'Hardware')).outcome).toEqual({ member_of: { added: ['Hardware'], pendingApproval: [], removed: [] } });
	const after = sim().control.agentByEmail(agent.email!)!;
	expect(after.member_of_pending_approval).toEqual([restricted]);
});
