/**
 * A customer's conversation with the team, whatever the channel.
 *
 * JSON (Conversation): {id, customerId, status, snoozedUntil, assignee: {id, name, status} | null,
 * queue, priority, kind, tags, openedAt, firstInboundAt, firstResponseAt, channels:
 * {"whatsapp": {lastInboundAt, lastOutboundAt}}, lastChannel, channelSwitches, waitingSince, dueAt,
 * resolvedAt, routing}; `get` adds {foldedFrom, notes, history (oldest first), transcript}.
 *
 * Rules:
 * - One conversation that is not resolved per customer, across channels: openOrContinue locks
 *   the customer's row, so concurrent calls agree. A resolved one is reopened by an event within
 *   `reopenWithinMinutes` of its resolution; after that a new one opens.
 * - An event of the history is linked to its conversation once: giving it again changes
 *   nothing. An event not recorded (Customer Merge records them) is counted but not linked.
 * - openedAt is the time of the event that opened it (else now).
 * - Customer's message: first inbound time, waiting since (if nobody was waiting), the channel
 *   and a channel switch when it moved; pending and snoozed conversations are open again.
 * - Agent's answer (outbound event by an agent, or recordAgentReply): first response once, the
 *   wait ends. The status stays: pending is the agent's to set, and ends with the customer's
 *   next message. Bots and automations answer nothing.
 * - Only the customer's and agents' messages (or a call without an event) open or reopen a
 *   conversation; receipts, consent changes and bots' or automations' messages go with the
 *   latest one as it is (they open one only for a customer who never had any). Receipts and
 *   consent changes count for nothing.
 * - A merge folds the older of two open conversations into the newer; an unmerge unfolds it
 *   (store/conversation-folds.ts). Ids of folded conversations lead to the one they are in.
 */
import { StaleReadError, withConflictRetry } from '../identity/conflict-retry';
import { newCustomerId as newTimeOrderedId } from '../identity/customer-id';
import { eventKey, type CanonicalEvent } from '../model';
import * as sql from '../store/conversation-sql';
import { currentCustomerId, isCustomerId } from '../store/customer-sql';
import type { Database, SqlClient } from '../store/database';
import { lockCustomers } from '../store/graph-sql';
import type { Conversation, ConversationDetail, ConversationNote, ConversationStatus } from './conversation';
import { activityOf, countActivity, countersOf, type Activity } from './counters';
import * as requests from './requests';
import { ConversationError, parseRequest } from './requests';
import { transcript } from './transcript';

export interface OpenOutcome {
	conversation: Conversation;
	/** A new conversation was opened. */
	opened: boolean;
	/** A resolved conversation was opened again. */
	reopened: boolean;
}

/** An event of the history: the canonical event Customer Merge recorded, or its key ("channel:account:externalId"). */
export type EventReference = CanonicalEvent | string;

const OPEN_STATUSES: ConversationStatus[] = ['open', 'pending', 'snoozed'];

function published({ mergedInto: _folded, ...conversation }: sql.StoredConversation): Conversation {
	return conversation;
}

/** Everything workflows and the CLI do with conversations, over one store. */
export class Conversations {
	constructor(readonly db: Database) {}

	/** The customer's conversation for this event: continued, reopened or opened (see the rules above). */
	async openOrContinue(customerId: string, event?: EventReference, options: { reopenWithinMinutes?: number; now?: Date | string | number } = {}): Promise<OpenOutcome> {
		const { reopenWithinMinutes, now } = parseRequest(requests.openOptionsSchema, options, 'Open or continue');
		const key = event === undefined ? undefined : typeof event === 'string' ? event : eventKey(event);
		return await this.inTransaction(async (tx) => {
			const customer = await lockLiveCustomer(tx, customerId);
			const stored = key === undefined ? undefined : await sql.storedEvent(tx, key);
			if (key !== undefined && !stored && typeof event === 'string') throw new ConversationError(`No event "${key}" in the history: record it first (Customer Merge does)`);
			if (stored) {
				if ((await currentCustomerId(tx, stored.customerId)) !== customer) throw new ConversationError(`Event "${key}" belongs to customer ${stored.customerId}, not ${customerId}`);
				const linked = stored.conversationId === null ? undefined : await sql.conversationById(tx, stored.conversationId);
				if (linked?.customerId === customer) return { conversation: published(linked), opened: false, reopened: false };
			}
			const activity = stored ? activityOf(stored) : typeof event === 'object' ? activityOf({ ...event, occurredAt: event.timestamp, authorType: event.author?.type }) : undefined;
			const at = activity?.at ?? now ?? new Date().toISOString();
			let conversation = await sql.latestConversation(tx, customer);
			let opened = false;
			let reopened = false;
			// A receipt, a consent change or a bot's message after the resolution goes with it and reopens nothing.
			const startsWork = event === undefined || (activity !== undefined && (activity.direction === 'inbound' || activity.byAgent));
			const resolved = conversation?.status === 'resolved' && startsWork;
			if (!conversation || (resolved && Date.parse(at) - Date.parse(conversation.resolvedAt!) > reopenWithinMinutes * 60_000)) {
				const id = newTimeOrderedId();
				await sql.insertConversation(tx, { id, customerId: customer, openedAt: at });
				conversation = (await sql.conversationById(tx, id))!;
				opened = true;
			} else if (resolved) {
				await sql.updateConversation(tx, conversation.id, { status: 'open', resolvedAt: null });
				conversation = { ...conversation, status: 'open', resolvedAt: null };
				reopened = true;
			}
			if (activity) await applyActivity(tx, conversation, activity);
			if (stored) await sql.linkEvent(tx, stored, conversation.id);
			return { conversation: await reload(tx, conversation.id), opened, reopened };
		});
	}

	/**
	 * An agent answered: the first response is recorded once and the wait ends. With `eventKey`
	 * (the reply as Customer Merge recorded it) the reply is linked, and recording it again
	 * changes nothing. An agent the store knows who answers a conversation nobody holds takes it.
	 */
	async recordAgentReply(conversationId: string, reply: { agentId?: string; channel: string; at: Date | string | number; eventKey?: string }): Promise<Conversation> {
		const { agentId, channel, at, eventKey: key } = parseRequest(requests.agentReplySchema, reply, 'Agent reply');
		return await this.change(conversationId, async (tx, conversation) => {
			const stored = key === undefined ? undefined : await sql.storedEvent(tx, key);
			if (key !== undefined && !stored) throw new ConversationError(`No event "${key}" in the history: record the reply first (Customer Merge does), or leave the event key out`);
			if (stored?.conversationId === conversation.id) return;
			await applyActivity(tx, conversation, { direction: 'outbound', channel, at, byAgent: true });
			if (stored) await sql.linkEvent(tx, stored, conversation.id);
			if (agentId !== undefined && conversation.assignee === null && (await sql.agentExists(tx, agentId))) await sql.updateConversation(tx, conversation.id, { assigneeId: agentId });
		});
	}

	/**
	 * open, pending, snoozed (until a future `snoozedUntil`) or resolved. Resolving ends the wait;
	 * opening a resolved conversation again needs the customer to have no other one open.
	 */
	async setStatus(conversationId: string, status: ConversationStatus, options: { snoozedUntil?: Date | string | number; now?: Date | string | number } = {}): Promise<Conversation> {
		const change = parseRequest(requests.statusChangeSchema, { ...options, status }, 'Set status');
		const now = change.now ?? new Date().toISOString();
		return await this.change(conversationId, async (tx, conversation) => {
			if (status === 'snoozed' && (change.snoozedUntil === undefined || Date.parse(change.snoozedUntil) <= Date.parse(now))) {
				throw new ConversationError(`Snoozing needs snoozedUntil, a time in the future to wake up at, such as ${new Date(Date.parse(now) + 3_600_000).toISOString()}`);
			}
			if (status === 'resolved') {
				if (conversation.status !== 'resolved') await sql.updateConversation(tx, conversation.id, { status, resolvedAt: now, snoozedUntil: null, waitingSince: null });
				return;
			}
			if (conversation.status === 'resolved') {
				const open = await sql.liveConversations(tx, [conversation.customerId]);
				if (open.length) throw new ConversationError(`Customer ${conversation.customerId} is already in conversation ${open[0].id}: resolve it before opening ${conversation.id} again`);
			}
			await sql.updateConversation(tx, conversation.id, { status, resolvedAt: null, snoozedUntil: status === 'snoozed' ? change.snoozedUntil! : null });
		});
	}

	/** Assigns the conversation to an agent of the store, or to nobody (null); no capacity rules: routing applies those. */
	async assign(conversationId: string, agentId: string | null): Promise<Conversation> {
		const agent = agentId === null ? null : agentId.trim();
		return await this.change(conversationId, async (tx, conversation) => {
			if (agent !== null && !(await sql.agentExists(tx, agent))) throw new ConversationError(`No agent with id "${agentId}": check the id, or add the agent first`);
			await sql.updateConversation(tx, conversation.id, { assigneeId: agent });
		});
	}

	/** Takes the conversation from its agent, so that routing assigns it again (Reassign Waiting). */
	release(conversationId: string): Promise<Conversation> {
		return this.assign(conversationId, null);
	}

	async addNote(conversationId: string, text: string, author?: string): Promise<ConversationNote> {
		const note = parseRequest(requests.noteSchema, { text, author }, 'Note');
		let added: ConversationNote | undefined;
		await this.change(conversationId, async (tx, conversation) => {
			added = { id: newTimeOrderedId(), conversationId: conversation.id, author: note.author ?? null, text: note.text, createdAt: new Date().toISOString() };
			await sql.insertNote(tx, added);
		});
		return added!;
	}

	async tag(conversationId: string, tags: string[]): Promise<Conversation> {
		const adding = parseRequest(requests.tagsSchema, tags, 'Tags');
		return await this.change(conversationId, (tx, conversation) => sql.updateConversation(tx, conversation.id, { tags: [...new Set([...conversation.tags, ...adding])] }));
	}

	async untag(conversationId: string, tags: string[]): Promise<Conversation> {
		const removing = new Set(parseRequest(requests.tagsSchema, tags, 'Tags'));
		return await this.change(conversationId, (tx, conversation) => sql.updateConversation(tx, conversation.id, { tags: conversation.tags.filter((tag) => !removing.has(tag)) }));
	}

	/**
	 * A conversation by id (a folded one's id gives the one it is in), or a customer's current
	 * one (not resolved, else the latest), with its notes, history and transcript.
	 */
	async get(by: string | { customerId: string }, options: { historyLimit?: number; transcriptLimit?: number; timeZone?: string } = {}): Promise<ConversationDetail | undefined> {
		const { historyLimit, transcriptLimit, timeZone } = parseRequest(requests.getOptionsSchema, options, 'Get conversation');
		let stored: sql.StoredConversation | undefined;
		if (typeof by === 'string') {
			if (isCustomerId(by.trim())) stored = await sql.conversationById(this.db, by.trim());
		} else {
			const customer = await currentCustomerId(this.db, by.customerId.trim());
			if (customer) stored = await sql.latestConversation(this.db, customer);
		}
		if (!stored) return undefined;
		const [foldedFrom, notes, history] = await Promise.all([
			sql.foldedInto(this.db, stored),
			sql.conversationNotes(this.db, stored),
			sql.conversationHistory(this.db, stored, Math.max(historyLimit, transcriptLimit)),
		]);
		return { ...published(stored), foldedFrom, notes, history: history.slice(-historyLimit || history.length), transcript: transcript(history, transcriptLimit, timeZone) };
	}

	/** Conversations by queue, agent (null: unassigned), status (by default all but resolved) and due time, longest waiting first. */
	async list(filter: { queue?: string; assigneeId?: string | null; status?: ConversationStatus | ConversationStatus[]; breached?: boolean; limit?: number; now?: Date | string | number } = {}): Promise<Conversation[]> {
		const { status, now, ...rest } = parseRequest(requests.listSchema, filter, 'List conversations');
		return (await sql.listConversations(this.db, { ...rest, statuses: status ?? OPEN_STATUSES, now: now ?? new Date().toISOString() })).map(published);
	}

	/** Open or pending conversations whose customer has waited longer than `minutes` for an answer, longest first: candidates to route again. */
	async waitingLongerThan(options: { minutes: number; limit?: number; now?: Date | string | number }): Promise<Conversation[]> {
		const { minutes, limit, now } = parseRequest(requests.waitingSchema, options, 'Waiting conversations');
		const since = new Date(Date.parse(now ?? new Date().toISOString()) - minutes * 60_000).toISOString();
		return (await sql.waitingSince(this.db, since, limit)).map(published);
	}

	/** Open or pending conversations whose agent is away or offline: candidates to route again. */
	async withOfflineAssignee(options: { limit?: number } = {}): Promise<Conversation[]> {
		const { limit } = parseRequest(requests.offlineSchema, options, 'Conversations of offline agents');
		return (await sql.withOfflineAssignee(this.db, limit)).map(published);
	}

	private inTransaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
		return withConflictRetry(() => this.db.transaction(work));
	}

	/** Runs `work` on the conversation (or the one it was folded into) with its customer locked; returns it as it is then. */
	private async change(conversationId: string, work: (tx: SqlClient, conversation: sql.StoredConversation) => Promise<unknown>): Promise<Conversation> {
		const id = conversationId.trim();
		return await this.inTransaction(async (tx) => {
			const missing = () => new ConversationError(`No conversation with id "${conversationId}": it may have been forgotten with its customer, or the id is mistyped`);
			if (!isCustomerId(id)) throw missing();
			const found = await sql.conversationById(tx, id);
			if (!found) throw missing();
			const [customer] = await lockCustomers(tx, [found.customerId]);
			// A merge or unmerge that committed meanwhile may have moved or folded it: start again.
			const locked = await sql.conversationById(tx, found.id);
			if (!customer || customer.merged_into || locked?.customerId !== found.customerId || locked.mergedInto !== null) throw new StaleReadError();
			await work(tx, locked);
			return await reload(tx, locked.id);
		});
	}
}

/** The live customer an id stands for, its row locked until the transaction ends. */
async function lockLiveCustomer(tx: SqlClient, customerId: string): Promise<string> {
	const id = await currentCustomerId(tx, customerId.trim());
	if (!id) throw new ConversationError(`No customer with id "${customerId}": it may have been forgotten, or the id is mistyped`);
	const [locked] = await lockCustomers(tx, [id]);
	if (!locked || locked.merged_into) throw new StaleReadError();
	return id;
}

/** Counts an activity in the conversation; the customer's message wakes a pending or snoozed one. */
async function applyActivity(tx: SqlClient, conversation: sql.StoredConversation, activity: Activity): Promise<void> {
	const wakes = activity.direction === 'inbound' && (conversation.status === 'pending' || conversation.status === 'snoozed');
	await sql.updateConversation(tx, conversation.id, { ...countActivity(countersOf(conversation), activity), ...(wakes && { status: 'open', snoozedUntil: null }) });
}

async function reload(tx: SqlClient, id: string): Promise<Conversation> {
	return published((await sql.conversationById(tx, id))!);
}
