import { workKindOf, type AgentSnapshot, type WorkKind } from './agents';
import { chooseBySkills, chooseLeastBusy, chooseRoundRobin, type AgentChoice, type AssignmentStrategy, type ChoiceContext } from './agent-choice';
import { toMillis, type Moment } from './moment';
import { chooseStickyAgent } from './previous-agent';
import { conditionsHold, conditionsProblem, RouteConfigurationError, type RouteConditions } from './route-conditions';
import type { RoutingFacts } from './routing-facts';
import type { BusinessSchedule } from './schedule';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** How a route assigns an agent. Without sticky or a strategy, the item waits in the queue. */
export interface Assignment {
	/** Back to the agent who served the customer before, when they are online and have room; else the strategy. */
	sticky?: boolean;
	strategy?: AssignmentStrategy;
	/** For the skills strategy: every one of these. */
	requiredSkills?: string[];
	/** For the skills strategy: an agent who speaks the customer's language. */
	matchLanguage?: boolean;
}

export interface Route {
	name: string;
	queue: string;
	conditions?: RouteConditions;
	assignment?: Assignment;
	priority?: Priority;
	/** The capacity the work uses; by default the channel's (voice: call, email: email, others: chat). */
	kind?: WorkKind;
}

/** Where an item goes when no route matches. */
export interface FallbackRoute {
	queue: string;
	assignment?: Assignment;
	priority?: Priority;
	kind?: WorkKind;
}

export interface RoutingInput {
	facts: RoutingFacts;
	/** Tried in order: the first whose conditions all hold wins. */
	routes: Route[];
	fallback?: FallbackRoute;
	/** Every agent, as they are now. */
	agents: AgentSnapshot[];
	/** Business hours per queue name; a queue without one is always open. */
	schedules?: Record<string, BusinessSchedule>;
	now: Moment;
}

export interface RoutingDecision {
	/** The route taken; undefined: the fallback. */
	route?: string;
	queue?: string;
	agent?: { id: string; name: string };
	/** The kind of work assigned, whose capacity the agent uses. */
	kind: WorkKind;
	priority: Priority;
	/** Why, in plain words: "least busy: Bruno has 1 of 3 chats". */
	reason: string;
	/** The route's conditions that held, in plain words: "channel is WhatsApp", "plan is gold". */
	matched: string[];
}

const WAITING_IN_QUEUE = 'waiting in queue';

function assign(assignment: Assignment | undefined, facts: RoutingFacts, context: ChoiceContext): AgentChoice {
	const steps: string[] = [];
	if (assignment?.sticky) {
		const sticky = chooseStickyAgent(facts, context.agents, context.queue, context.kind, context.now);
		if (sticky.agent) return sticky;
		steps.push(sticky.reason);
	}
	const choice: AgentChoice =
		assignment?.strategy === 'roundRobin'
			? chooseRoundRobin(context)
			: assignment?.strategy === 'leastBusy'
				? chooseLeastBusy(context)
				: assignment?.strategy === 'skills'
					? chooseBySkills(context, assignment.requiredSkills ?? [], assignment.matchLanguage ?? false)
					: { reason: WAITING_IN_QUEUE };
	return { agent: choice.agent, reason: [...steps, choice.reason].join('; ') };
}

// A batch decides many items with the same routes and the same agents: checked and indexed once.
const checkedRoutes = new WeakSet<Route[]>();
const agentsByQueue = new WeakMap<AgentSnapshot[], Map<string, AgentSnapshot[]>>();

/** The agents working in `queue`, from an index of the array built on its first decision. */
function agentsIn(agents: AgentSnapshot[], queue: string): AgentSnapshot[] {
	let index = agentsByQueue.get(agents);
	if (!index) {
		index = new Map();
		for (const agent of agents) {
			for (const name of new Set(agent.queues)) {
				const working = index.get(name);
				if (working) working.push(agent);
				else index.set(name, [agent]);
			}
		}
		agentsByQueue.set(agents, index);
	}
	return index.get(queue) ?? [];
}

/** Refuses routes that cannot be used as written, before any item is routed by them. */
function checkRoutes(routes: Route[]): void {
	if (checkedRoutes.has(routes)) return;
	const names = new Set<string>();
	for (const route of routes) {
		if (names.has(route.name)) throw new RouteConfigurationError(`Two routes are named "${route.name}": give each route its own name`);
		names.add(route.name);
		const problem = conditionsProblem(route.conditions);
		if (problem) throw new RouteConfigurationError(`Route "${route.name}": ${problem}`);
	}
	checkedRoutes.add(routes);
}

/**
 * Where an item goes: the first route whose conditions hold (else the fallback), its queue,
 * priority, and an agent with room chosen by the route's assignment, with the reason in plain
 * words. The same input always gives the same decision, and no agent is given more work than
 * their capacity. The routes and the agents array are read as they are on their first decision
 * (loads may change between decisions; who works where may not).
 */
export function decideRoute(input: RoutingInput): RoutingDecision {
	checkRoutes(input.routes);
	const now = toMillis(input.now);
	const { facts } = input;
	for (const route of input.routes) {
		const matched = conditionsHold(route.conditions, facts, { now, schedule: input.schedules?.[route.queue] });
		if (!matched) continue;
		const kind = route.kind ?? workKindOf(facts.channel);
		const agents = agentsIn(input.agents, route.queue);
		const choice = assign(route.assignment, facts, { queue: route.queue, kind, agents, now, language: facts.language });
		return { route: route.name, queue: route.queue, ...agentOf(choice), kind, priority: route.priority ?? 'normal', reason: choice.reason, matched };
	}
	const fallback = input.fallback;
	const kind = fallback?.kind ?? workKindOf(facts.channel);
	if (!fallback) return { kind, priority: 'normal', reason: 'no route matched: fallback', matched: [] };
	const agents = agentsIn(input.agents, fallback.queue);
	const choice = fallback.assignment ? assign(fallback.assignment, facts, { queue: fallback.queue, kind, agents, now, language: facts.language }) : undefined;
	const reason = choice && choice.reason !== WAITING_IN_QUEUE ? `no route matched: fallback; ${choice.reason}` : 'no route matched: fallback';
	return { queue: fallback.queue, ...agentOf(choice), kind, priority: fallback.priority ?? 'normal', reason, matched: [] };
}

function agentOf(choice: AgentChoice | undefined): Pick<RoutingDecision, 'agent'> {
	return choice?.agent ? { agent: { id: choice.agent.id, name: choice.agent.name } } : {};
}
