import { CustomerGraph, Conversations, type CanonicalEvent, type Database, type Identity } from '../../core';
import { inboundMessage } from '../support/events';

/** A customer-service scene over one store: customers made by recording their events, as Customer Merge does. */
export class Scene {
	readonly graph: CustomerGraph;
	readonly conversations: Conversations;
	private static count = 0;

	constructor(readonly db: Database) {
		this.graph = new CustomerGraph(db);
		this.conversations = new Conversations(db);
	}

	/** Identifiers nobody else in the store has. */
	person(name: string): { phone: Identity; email: Identity } {
		const n = ++Scene.count;
		return { phone: { kind: 'phone', value: `+5511987${String((process.pid * 1000 + n) % 1_000_000).padStart(6, '0')}` }, email: { kind: 'email', value: `${name}.${process.pid}.${n}@example.org` } };
	}

	/** The customer's message on a channel at a time, recorded in the history. */
	async writes(identities: Identity[], channel: CanonicalEvent['channel'], at: string, text: string, extra: Partial<CanonicalEvent> = {}) {
		const event = inboundMessage(identities, { channel, timestamp: at, text, ...extra });
		const [outcome] = await this.graph.resolve([{ identities, event }]);
		return { customerId: outcome.customerId!, event };
	}

	/** What we sent the customer, recorded in the history. */
	async answers(identities: Identity[], channel: CanonicalEvent['channel'], at: string, text: string, author: CanonicalEvent['author'], extra: Partial<CanonicalEvent> = {}) {
		const event = inboundMessage([], { channel, timestamp: at, text, direction: 'outbound', to: { identities }, author, ...extra });
		const [outcome] = await this.graph.resolve([{ identities, event }]);
		return { customerId: outcome.customerId!, event };
	}

	/** The customer's message, recorded and given to its conversation. */
	async message(identities: Identity[], channel: CanonicalEvent['channel'], at: string, text: string, extra: Partial<CanonicalEvent> = {}) {
		const { customerId, event } = await this.writes(identities, channel, at, text, extra);
		return { customerId, event, ...(await this.conversations.openOrContinue(customerId, event)) };
	}

	async countConversations(customerId: string): Promise<number> {
		return (await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations WHERE customer_id = $1', [customerId]))[0].n;
	}
}

/** An ISO time `minutes` after 2026-01-15 14:00 UTC (in the past: the history replaces times days ahead with the time of receipt). */
export const at = (minutes: number) => new Date(Date.UTC(2026, 0, 15, 14, 0) + minutes * 60_000).toISOString();
