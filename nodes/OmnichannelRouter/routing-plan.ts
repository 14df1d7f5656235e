import { commaList } from '../shared/comma-list';
import { conditionsProblem, PRIORITIES, type Assignment, type FallbackRoute, type Priority, type Route, type RouteConditions, type RoutingPlan, type TraitCondition } from '../../core';

/** The Router's parameters as core routes: one route per entry, in order, and the fallback. */

/** Parameters that can't be used as routes: the message names the route at fault, the description what to change. */
export class RoutePlanError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}

export const FALLBACK_OUTPUT = 'Fallback';

type Values = Record<string, unknown>;

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value)).trim();


const yesNo = (value: unknown) => (value === 'yes' ? true : value === 'no' ? false : undefined);

function priorityOf(value: unknown, where: string): Priority {
	const priority = text(value) || 'normal';
	if (!(PRIORITIES as readonly string[]).includes(priority)) throw new RoutePlanError(`${where}: "${priority}" is not a priority`, `Use ${PRIORITIES.join(', ')}.`);
	return priority as Priority;
}

function assignmentOf(values: Values, field: (name: string) => string): Assignment | undefined {
	const strategy = text(values[field('strategy')]) || 'none';
	const sticky = values[field('sticky')] === true;
	const assignment: Assignment = {};
	if (sticky) assignment.sticky = true;
	if (strategy === 'roundRobin' || strategy === 'leastBusy') assignment.strategy = strategy;
	if (strategy === 'skills') {
		assignment.strategy = 'skills';
		assignment.requiredSkills = commaList(values[field('requiredSkills')]);
		assignment.matchLanguage = values[field('matchLanguage')] === true;
	}
	return Object.keys(assignment).length ? assignment : undefined;
}

const kindOf = (value: unknown) => (text(value) && text(value) !== 'byChannel' ? text(value) : undefined);

function traitConditions(value: unknown, where: string): TraitCondition[] {
	const entries = ((value as { trait?: Values[] } | undefined)?.trait ?? []) as Values[];
	return entries.map((entry, index) => {
		const trait = text(entry.trait);
		if (!trait) throw new RoutePlanError(`${where}: trait condition ${index + 1} names no trait`, 'Give the name of the trait to test, such as plan or address.city.');
		const test = text(entry.test) || 'equals';
		if (test === 'exists' || test === 'notExists') return { trait, exists: test === 'exists' };
		if (test === 'contains') return { trait, contains: text(entry.value) };
		return { trait, equals: text(entry.value) };
	});
}

function conditionsOf(values: Values, where: string): RouteConditions | undefined {
	const conditions: RouteConditions = {};
	const channels = commaList(values.channels);
	if (channels.length) conditions.channels = channels;
	const traits = traitConditions(values.traits, where);
	if (traits.length) conditions.traits = traits;
	const any = commaList(values.keywordsAny);
	const all = commaList(values.keywordsAll);
	if (any.length || all.length) conditions.keywords = { ...(any.length ? { any } : {}), ...(all.length ? { all } : {}) };
	const tags = commaList(values.tagsAny);
	if (tags.length) conditions.tags = { any: tags };
	if (text(values.pattern)) conditions.pattern = text(values.pattern);
	const open = yesNo(values.withinBusinessHours);
	if (open !== undefined) conditions.withinBusinessHours = open;
	const above = values.minutesSinceLastContactAbove;
	const below = values.minutesSinceLastContactBelow;
	if (typeof above === 'number' || typeof below === 'number') {
		conditions.minutesSinceLastContact = { ...(typeof above === 'number' ? { above } : {}), ...(typeof below === 'number' ? { below } : {}) };
	}
	const served = yesNo(values.hasPreviousAgent);
	if (served !== undefined) conditions.hasPreviousAgent = served;
	const problem = conditionsProblem(conditions);
	if (problem) throw new RoutePlanError(`${where}: the text pattern ${problem.replace(/^the pattern /, '')}`, 'Change the Text Pattern of the route, or remove it.');
	return Object.keys(conditions).length ? conditions : undefined;
}

/** The routes and fallback these parameters describe; a RoutePlanError says which route to fix and how. */
export function routingPlanOf(parameters: { routes: unknown; fallback: boolean; fallbackValues: Values }): RoutingPlan {
	const entries = ((parameters.routes as { route?: Values[] } | undefined)?.route ?? []) as Values[];
	const names = new Set<string>();
	const routes = entries.map((values, index): Route => {
		const name = text(values.name);
		if (!name) throw new RoutePlanError(`Route ${index + 1} has no name`, 'Give every route a name: its output is labelled with it.');
		const where = `Route "${name}"`;
		if (names.has(name.toLowerCase())) throw new RoutePlanError(`Two routes are named "${name}"`, 'Give each route its own name: each has its own output, labelled with it.');
		if (parameters.fallback && name.toLowerCase() === FALLBACK_OUTPUT.toLowerCase()) {
			throw new RoutePlanError(`${where} has the fallback output's name`, 'Rename the route, or turn Fallback Output off.');
		}
		names.add(name.toLowerCase());
		const queue = text(values.queue);
		if (!queue) throw new RoutePlanError(`${where} has no queue`, 'Give the queue its conversations go to, as the agents and queues of the team name it.');
		const route: Route = { name, queue, priority: priorityOf(values.priority, where) };
		const conditions = conditionsOf((values.conditions ?? {}) as Values, where);
		if (conditions) route.conditions = conditions;
		const assignment = assignmentOf(values, (field) => field);
		if (assignment) route.assignment = assignment;
		const kind = kindOf(values.kind);
		if (kind) route.kind = kind;
		return route;
	});
	if (!parameters.fallback) return { routes };
	const values = parameters.fallbackValues;
	const queue = text(values.fallbackQueue);
	if (!queue) throw new RoutePlanError('The fallback has no queue', 'Give the Fallback Queue its conversations go to, or turn Fallback Output off.');
	const fallback: FallbackRoute = { queue, priority: priorityOf(values.fallbackPriority, 'The fallback') };
	const field = (name: string) => `fallback${name[0].toUpperCase()}${name.slice(1)}`;
	const assignment = assignmentOf(values, field);
	if (assignment) fallback.assignment = assignment;
	const kind = kindOf(values.fallbackKind);
	if (kind) fallback.kind = kind;
	return { routes, fallback };
}

/** Whether any route tests the minutes since the customer's last contact (which costs a look-up per item). */
export const usesLastContact = (plan: RoutingPlan) => plan.routes.some((route) => route.conditions?.minutesSinceLastContact !== undefined);
