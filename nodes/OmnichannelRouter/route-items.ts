import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { ConversationRouter, RouteConfigurationError, type RouteOutcome, type RoutingPlan } from '../../core';
import { openCustomerGraph } from '../CustomerMerge/open-customer-graph';
import { errorItemJson } from '../shared/error-item';
import { itemToRoute, ItemShapeError, type ItemToRoute } from './item-facts';
import { DEFAULT_BATCH_SIZE } from './router-properties';
import { routingPlanOf, RoutePlanError, usesLastContact } from './routing-plan';

/** The routes of this node; a NodeOperationError naming the route and what to fix when they can't be used. */
export function nodeRoutingPlan(context: IExecuteFunctions): RoutingPlan {
	const fallback = context.getNodeParameter('fallback', 0, true) as boolean;
	// Parameters the editor hides (the skills of another strategy) are read as their defaults.
	const defaults = { fallbackQueue: '', fallbackPriority: 'normal', fallbackSticky: false, fallbackStrategy: 'none', fallbackRequiredSkills: '', fallbackMatchLanguage: false, fallbackKind: 'byChannel' };
	const fallbackValues = fallback ? Object.fromEntries(Object.entries(defaults).map(([name, value]) => [name, context.getNodeParameter(name, 0, value)])) : {};
	try {
		return routingPlanOf({ routes: context.getNodeParameter('routes', 0, {}), fallback, fallbackValues });
	} catch (error) {
		if (error instanceof RoutePlanError) throw new NodeOperationError(context.getNode(), error.message, { description: error.description });
		throw error;
	}
}


/**
 * The customer's last contact before each item's event, for "minutes since last contact". The
 * event being routed is already in the history (Customer Merge records it) and may not count
 * as its own last contact, and the item's own customer.history holds only as many events as
 * Customer Merge was asked for (receipts and consent changes among them): so the store is asked
 * for the customer's last message, button press or call before the event's time.
 */
async function withLastContacts(router: ConversationRouter, items: ItemToRoute[]): Promise<void> {
	const asked = items.filter((item) => item.customerId !== undefined);
	const found = await router.lastContacts(asked.map((item) => ({ customerId: item.customerId!, before: item.at })));
	asked.forEach((item, index) => {
		if (found[index] !== undefined) item.facts.lastContactAt = found[index];
	});
}

/** Which output the outcome goes to: its route's, else the fallback's (last), else none (-1). */
function outputOf(outcome: RouteOutcome & { routing: object }, plan: RoutingPlan): number {
	const { decision, routing } = outcome;
	if (decision.route !== undefined) return plan.routes.findIndex((route) => route.name === decision.route);
	// A conversation already with an agent is not decided again: it goes out by its queue.
	if (outcome.kept) {
		const byQueue = plan.routes.findIndex((route) => route.queue === routing.queue);
		if (byQueue >= 0) return byQueue;
	}
	return plan.fallback ? plan.routes.length : -1;
}

/**
 * Routes every item's conversation: each batch is decided from one look at the team and
 * written in one transaction, so agents never get more than their capacity. Each item goes to
 * its route's output with `routing`; an item that can't be routed stops the node, or with
 * continue on fail goes out first with its error.
 */
export async function route(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const plan = nodeRoutingPlan(context);
	const outputs: INodeExecutionData[][] = Array.from({ length: plan.routes.length + (plan.fallback ? 1 : 0) }, () => []);
	if (!outputs.length) outputs.push([]);
	const items = context.getInputData();
	const batchSize = Math.max(1, Number((context.getNodeParameter('options', 0, {}) as IDataObject).batchSize ?? DEFAULT_BATCH_SIZE) || DEFAULT_BATCH_SIZE);
	const now = new Date().toISOString();

	const failed = (itemIndex: number, message: string, description?: string): void => {
		if (!context.continueOnFail()) throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
		outputs[0].push({ json: errorItemJson(context, itemIndex, message), pairedItem: { item: itemIndex } });
	};

	const toRoute: { itemIndex: number; item: ItemToRoute }[] = [];
	items.forEach((input, itemIndex) => {
		try {
			toRoute.push({ itemIndex, item: itemToRoute(input.json, itemIndex, now) });
		} catch (error) {
			if (!(error instanceof ItemShapeError)) throw error;
			failed(itemIndex, error.message, error.description);
		}
	});
	if (!toRoute.length) return outputs;

	// The store Customer Merge and the Conversation node use, opened the same way.
	const router = new ConversationRouter((await openCustomerGraph(context)).db);
	for (let start = 0; start < toRoute.length; start += batchSize) {
		const batch = toRoute.slice(start, start + batchSize);
		if (usesLastContact(plan)) await withLastContacts(router, batch.map((entry) => entry.item));
		let outcomes: RouteOutcome[];
		try {
			outcomes = await router.routeConversations(batch.map(({ item }) => ({ conversationId: item.conversationId, facts: item.facts })), plan, { now });
		} catch (error) {
			if (error instanceof RouteConfigurationError) throw new NodeOperationError(context.getNode(), error.message, { description: 'Change the route as the message says.' });
			throw error;
		}
		batch.forEach(({ itemIndex }, position) => {
			const outcome = outcomes[position];
			if (outcome.error !== undefined) return failed(itemIndex, `Item ${itemIndex + 1}: ${outcome.error}`);
			const output = outputOf(outcome, plan);
			if (output < 0) return;
			const route = output < plan.routes.length ? plan.routes[output].name : null;
			const { queue, agent, priority, dueAt } = outcome.routing;
			const routing = { route, queue, agent, priority, dueAt, reason: outcome.decision.reason, matched: outcome.decision.matched };
			outputs[output].push({ json: { ...items[itemIndex].json, routing }, pairedItem: { item: itemIndex } });
		});
	}
	return outputs;
}
