import { isOpen } from './business-hours';
import { MINUTE_MS, toMillis } from './moment';
import { channelName, listText } from './plain-words';
import type { RoutingFacts } from './routing-facts';
import { compilePattern, testPattern } from './safe-pattern';
import type { BusinessSchedule } from './schedule';
import { hasKeyword, sameText, wordsOf } from './text-match';

/** A test on one of the customer's traits; `trait` may name a nested one, such as "address.city". */
export type TraitCondition =
	| { trait: string; equals: string | number | boolean }
	| { trait: string; contains: string }
	| { trait: string; exists: boolean };

/** What must hold for a route to be taken: every condition given. A route without conditions takes every item. */
export interface RouteConditions {
	channels?: string[];
	traits?: TraitCondition[];
	keywords?: { any?: string[]; all?: string[] };
	tags?: { any?: string[]; all?: string[] };
	/** A regular expression tested on the text, case-insensitive (see safe-pattern.ts for what is refused). */
	pattern?: string;
	/** The route's queue is open (true) or closed (false) by its business hours. */
	withinBusinessHours?: boolean;
	/** Minutes since the customer's last contact; a customer never in contact is above any number. */
	minutesSinceLastContact?: { above?: number; below?: number };
	hasPreviousAgent?: boolean;
}

/** What a condition needs beyond the item's facts. */
export interface ConditionContext {
	now: number;
	/** The route's queue's schedule; absent: always open. */
	schedule?: BusinessSchedule;
}

/** A route's condition that cannot be used as written (an unsafe pattern): the route names itself in the error. */
export class RouteConfigurationError extends Error {}

function traitValue(traits: RoutingFacts['traits'], path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), traits);
}

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

function traitHolds(condition: TraitCondition, facts: RoutingFacts): string | undefined {
	const value = traitValue(facts.traits, condition.trait);
	if ('exists' in condition) return present(value) === condition.exists ? `${condition.trait} is ${condition.exists ? 'set' : 'not set'}` : undefined;
	if ('equals' in condition) return present(value) && sameText(value, condition.equals) ? `${condition.trait} is ${String(condition.equals)}` : undefined;
	const contains = Array.isArray(value) ? value.some((item) => sameText(item, condition.contains)) : present(value) && hasKeyword(wordsOf(String(value)), condition.contains);
	return contains ? `${condition.trait} contains ${condition.contains}` : undefined;
}

function listHolds(label: string, have: (item: string) => boolean, wanted: { any?: string[]; all?: string[] }): string | undefined {
	const reasons: string[] = [];
	if (wanted.all?.length) {
		if (!wanted.all.every(have)) return undefined;
		reasons.push(`${label} ${listText(wanted.all.map((item) => `"${item}"`))}`);
	}
	if (wanted.any?.length) {
		const found = wanted.any.find(have);
		if (found === undefined) return undefined;
		reasons.push(`${label} "${found}"`);
	}
	return reasons.join(', ');
}

/** What makes conditions unusable as written (an unsafe or invalid pattern), or undefined. */
export function conditionsProblem(conditions: RouteConditions | undefined): string | undefined {
	if (conditions?.pattern === undefined) return undefined;
	const pattern = compilePattern(conditions.pattern);
	return typeof pattern === 'string' ? `the pattern ${pattern}` : undefined;
}

/**
 * Whether every condition holds; the plain words of each one that does ("channel is WhatsApp",
 * "plan is gold"), or undefined when one does not.
 */
export function conditionsHold(conditions: RouteConditions | undefined, facts: RoutingFacts, context: ConditionContext): string[] | undefined {
	const reasons: string[] = [];
	const check = (reason: string | undefined) => {
		if (reason === undefined) return false;
		reasons.push(reason);
		return true;
	};
	if (!conditions) return reasons;
	if (conditions.channels?.length && !check(conditions.channels.includes(facts.channel) ? `channel is ${channelName(facts.channel)}` : undefined)) return undefined;
	for (const trait of conditions.traits ?? []) if (!check(traitHolds(trait, facts))) return undefined;
	if (conditions.keywords) {
		const words = wordsOf(facts.text ?? '');
		if (!check(listHolds('the text has', (keyword) => hasKeyword(words, keyword), conditions.keywords))) return undefined;
	}
	if (conditions.tags) {
		const tags = facts.tags ?? [];
		if (!check(listHolds('tagged', (tag) => tags.some((have) => sameText(have, tag)), conditions.tags))) return undefined;
	}
	if (conditions.pattern !== undefined) {
		const pattern = compilePattern(conditions.pattern);
		if (typeof pattern === 'string') throw new RouteConfigurationError(`the pattern ${pattern}`);
		if (!check(testPattern(pattern, facts.text ?? '') ? `the text matches ${conditions.pattern}` : undefined)) return undefined;
	}
	if (conditions.withinBusinessHours !== undefined) {
		const open = !context.schedule || isOpen(context.schedule, context.now);
		if (!check(open === conditions.withinBusinessHours ? (open ? 'within business hours' : 'outside business hours') : undefined)) return undefined;
	}
	if (conditions.minutesSinceLastContact) {
		const { above, below } = conditions.minutesSinceLastContact;
		const minutes = facts.lastContactAt === undefined ? Infinity : (context.now - toMillis(facts.lastContactAt)) / MINUTE_MS;
		if (above !== undefined && !check(minutes > above ? (minutes === Infinity ? 'first contact' : `last contact over ${above} minutes ago`) : undefined)) return undefined;
		if (below !== undefined && !check(minutes < below ? `last contact under ${below} minutes ago` : undefined)) return undefined;
	}
	if (conditions.hasPreviousAgent !== undefined) {
		const has = (facts.previousAgents?.length ?? 0) > 0;
		if (!check(has === conditions.hasPreviousAgent ? (has ? 'served before' : 'never served before') : undefined)) return undefined;
	}
	return reasons;
}
