import { canTake, capacityOf, loadOf, type AgentSnapshot, type WorkKind } from './agents';
import { toMillis } from './moment';
import { listText, loadText, timeAgo } from './plain-words';
import { sameText } from './text-match';

/**
 * How a route picks among its queue's agents. Every choice is deterministic: ties go to the
 * agent assigned longest ago (never assigned first), then to the smaller id.
 */

export const ASSIGNMENT_STRATEGIES = ['roundRobin', 'leastBusy', 'skills'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

export interface AgentChoice {
	agent?: AgentSnapshot;
	/** Plain words: "least busy: Bruno has 1 of 3 chats". */
	reason: string;
}

export interface ChoiceContext {
	queue: string;
	kind: WorkKind;
	/** The agents of the queue. */
	agents: AgentSnapshot[];
	now: number;
	language?: string;
}

const lastAssigned = (agent: AgentSnapshot) => (agent.lastAssignedAt === undefined ? -Infinity : toMillis(agent.lastAssignedAt));

function byTurn(a: AgentSnapshot, b: AgentSnapshot): number {
	return lastAssigned(a) - lastAssigned(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const busyness = (agent: AgentSnapshot, kind: WorkKind) => loadOf(agent, kind) / capacityOf(agent, kind);

function byLeastBusy(kind: WorkKind) {
	return (a: AgentSnapshot, b: AgentSnapshot) => busyness(a, kind) - busyness(b, kind) || loadOf(a, kind) - loadOf(b, kind) || byTurn(a, b);
}

/** "no agent free in Support (2 online, all at capacity): waiting in queue" */
export function nobodyFree(queue: string, agents: AgentSnapshot[], qualifier = ''): string {
	const online = agents.filter((agent) => agent.status === 'online').length;
	const why = online ? `${online} online, all at capacity` : 'none online';
	return `no agent free in ${queue}${qualifier} (${why}): waiting in queue`;
}

let languageNames: Intl.DisplayNames | undefined;

/** "Portuguese" for "pt-BR", or the code itself when the runtime does not know it. */
function languageName(code: string): string {
	try {
		languageNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
		return languageNames.of(primaryLanguage(code)) ?? code;
	} catch {
		return code;
	}
}

const primaryLanguage = (code: string) => code.trim().toLowerCase().split(/[-_]/)[0];

function speaks(agent: AgentSnapshot, language: string): boolean {
	return (agent.languages ?? []).some((spoken) => primaryLanguage(spoken) === primaryLanguage(language));
}

export function chooseRoundRobin(context: ChoiceContext): AgentChoice {
	const [agent] = context.agents.filter((candidate) => canTake(candidate, context.kind)).sort(byTurn);
	if (!agent) return { reason: nobodyFree(context.queue, context.agents) };
	const turn = agent.lastAssignedAt === undefined ? 'not assigned yet' : `last assigned ${timeAgo(context.now - toMillis(agent.lastAssignedAt))}`;
	return { agent, reason: `round robin: ${agent.name}'s turn, ${turn}` };
}

export function chooseLeastBusy(context: ChoiceContext): AgentChoice {
	const [agent] = context.agents.filter((candidate) => canTake(candidate, context.kind)).sort(byLeastBusy(context.kind));
	if (!agent) return { reason: nobodyFree(context.queue, context.agents) };
	return { agent, reason: `least busy: ${loadText(agent.name, loadOf(agent, context.kind), capacityOf(agent, context.kind), context.kind)}` };
}

/** The least busy of the agents with every required skill and, when asked, the customer's language. */
export function chooseBySkills(context: ChoiceContext, requiredSkills: string[], matchLanguage: boolean): AgentChoice {
	const language = matchLanguage && context.language ? context.language : undefined;
	const needs = [...requiredSkills, ...(language ? [languageName(language)] : [])];
	const qualified = context.agents.filter(
		(agent) => requiredSkills.every((skill) => (agent.skills ?? []).some((has) => sameText(has, skill))) && (!language || speaks(agent, language)),
	);
	const needsText = listText(needs);
	if (!qualified.length) return { reason: `no agent in ${context.queue} has ${needsText}: waiting in queue` };
	const [agent] = qualified.filter((candidate) => canTake(candidate, context.kind)).sort(byLeastBusy(context.kind));
	if (!agent) return { reason: nobodyFree(context.queue, qualified, ` with ${needsText}`) };
	const load = loadText(agent.name, loadOf(agent, context.kind), capacityOf(agent, context.kind), context.kind);
	return { agent, reason: needs.length ? `skills: ${agent.name} has ${needsText}; ${load}` : `skills: ${load}` };
}
