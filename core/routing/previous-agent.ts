import { canTake, capacityOf, loadOf, type AgentSnapshot, type WorkKind } from './agents';
import { toMillis } from './moment';
import { channelName, ofCapacity, timeAgo } from './plain-words';
import type { PreviousAgent, RoutingFacts } from './routing-facts';

/**
 * Sticky assignment: the customer goes back to the agent who served them, on this channel if
 * someone did, else on the channel where they were served last.
 */

export interface StickyChoice {
	agent?: AgentSnapshot;
	/** Why the previous agent was taken ("sticky: Ana answered this customer on WhatsApp 2 days ago"), or why not. */
	reason: string;
}

function previousAgentFor(facts: RoutingFacts): PreviousAgent | undefined {
	const latestFirst = [...(facts.previousAgents ?? [])].sort(
		(a, b) => toMillis(b.servedAt) - toMillis(a.servedAt) || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0),
	);
	return latestFirst.find((previous) => previous.channel === facts.channel) ?? latestFirst[0];
}

export function chooseStickyAgent(facts: RoutingFacts, agents: AgentSnapshot[], queue: string, kind: WorkKind, now: number): StickyChoice {
	const previous = previousAgentFor(facts);
	if (!previous) return { reason: 'nobody served this customer before' };
	const served = `answered this customer on ${channelName(previous.channel)} ${timeAgo(now - toMillis(previous.servedAt))}`;
	const agent = agents.find((candidate) => candidate.id === previous.agentId);
	if (!agent) return { reason: `the agent who ${served} is no longer on the team` };
	if (!agent.queues.includes(queue)) return { reason: `${agent.name}, who ${served}, does not work in ${queue}` };
	if (agent.status !== 'online') return { reason: `${agent.name}, who ${served}, is ${agent.status}` };
	if (!canTake(agent, kind)) return { reason: `${agent.name}, who ${served}, has ${ofCapacity(loadOf(agent, kind), capacityOf(agent, kind), kind)}` };
	return { agent, reason: `sticky: ${agent.name} ${served}` };
}
