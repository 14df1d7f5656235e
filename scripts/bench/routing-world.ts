import type { Database, Route, RouteRequest, RoutingPlan } from '../../core';
import { seededRandom } from './seeded-random';

/**
 * A synthetic contact centre for the routing benchmark, the same on every run: 50 queues, 1,000
 * agents working in 3 queues each, 50 routes over channel, plan, keywords and language, and a
 * stream of conversations from 100,000 customers.
 */

const QUEUES = 50;
const CHANNELS = ['whatsapp', 'instagram', 'messenger', 'telegram', 'sms', 'email', 'voice', 'webchat'];
const PLANS = ['free', 'silver', 'gold'];
const LANGUAGES = ['pt-BR', 'en', 'es'];
const SKILLS = ['billing', 'returns', 'tech', 'sales'];
const KEYWORDS = ['invoice', 'refund', 'broken', 'price', 'password', 'delivery'];
const TEXTS = ['hello, my invoice is wrong', 'I want a refund', 'the app is broken', 'what is the price?', 'forgot my password', 'where is my delivery?', 'hi'];

const queueName = (index: number) => `Q${String(index).padStart(2, '0')}`;

export function queues() {
	const office = { timeZone: 'America/Sao_Paulo', weekly: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, ['08:00-20:00']])) };
	return Array.from({ length: QUEUES }, (_, index) => ({
		name: queueName(index),
		priority: index % 5,
		...(index % 2 ? { schedule: office } : {}),
		sla: { firstResponse: 5 + (index % 6) * 5, resolution: 1440, businessHours: index % 4 !== 0 },
	}));
}

export function agents(count: number) {
	const next = seededRandom(7);
	return Array.from({ length: count }, (_, index) => ({
		id: `agent-${String(index).padStart(4, '0')}`,
		name: `Agent ${index}`,
		skills: SKILLS.filter(() => next() < 0.5),
		languages: LANGUAGES.filter(() => next() < 0.6),
		queues: [queueName(index % QUEUES), queueName((index * 7 + 3) % QUEUES), queueName((index * 13 + 11) % QUEUES)],
		capacity: { chat: 40, call: 4, email: 60 },
		status: next() < 0.9 ? 'online' : 'away',
	}));
}

/** 49 routes with conditions and a mix of assignments, then one that takes everything left. */
export function plan(): RoutingPlan {
	const routes: Route[] = Array.from({ length: QUEUES - 1 }, (_, index) => {
		const assignment =
			index % 4 === 0
				? { sticky: true, strategy: 'leastBusy' as const }
				: index % 4 === 1
					? { strategy: 'roundRobin' as const }
					: index % 4 === 2
						? { strategy: 'skills' as const, requiredSkills: [SKILLS[index % SKILLS.length]], matchLanguage: true }
						: { strategy: 'leastBusy' as const };
		return {
			name: `Route ${index}`,
			queue: queueName(index),
			conditions: {
				channels: [CHANNELS[index % CHANNELS.length], CHANNELS[(index + 3) % CHANNELS.length]],
				traits: [{ trait: 'plan', equals: PLANS[index % PLANS.length] }],
				...(index % 3 === 0 ? { keywords: { any: [KEYWORDS[index % KEYWORDS.length], KEYWORDS[(index + 1) % KEYWORDS.length]] } } : {}),
			},
			assignment,
			priority: index % 7 === 0 ? 'high' : 'normal',
		};
	});
	routes.push({ name: 'Everyone else', queue: queueName(QUEUES - 1), assignment: { strategy: 'leastBusy' } });
	return { routes };
}

export interface Conversation {
	customerIndex: number;
	facts: RouteRequest['facts'];
}

/** Who writes, on which channel, about what: `count` conversations from `customers` people. */
export function conversationStream(count: number, customers: number): Conversation[] {
	const next = seededRandom(42);
	return Array.from({ length: count }, () => {
		const customerIndex = Math.floor(next() * customers);
		return {
			customerIndex,
			facts: {
				channel: CHANNELS[Math.floor(next() * CHANNELS.length)],
				text: TEXTS[Math.floor(next() * TEXTS.length)],
				traits: { plan: PLANS[customerIndex % PLANS.length] },
				language: LANGUAGES[customerIndex % LANGUAGES.length],
			},
		};
	});
}

/** Inserts the customers and the open conversations of the stream directly; returns the conversation ids, in stream order. */
export async function seedConversations(db: Database, customers: number, stream: Conversation[]): Promise<string[]> {
	await db.query('INSERT INTO customers (id) SELECT gen_random_uuid() FROM generate_series(1, $1)', [customers]);
	const ids = (await db.query<{ id: string }>('SELECT id FROM customers ORDER BY id')).map((row) => row.id);
	const conversations: string[] = [];
	for (let start = 0; start < stream.length; start += 10_000) {
		const slice = stream.slice(start, start + 10_000);
		const rows = await db.query<{ id: string }>(
			`INSERT INTO conversations (id, customer_id, opened_at, first_inbound_at, last_channel)
			 SELECT gen_random_uuid(), c, now(), now(), ch FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS u(c, ch, n) ORDER BY n RETURNING id`,
			[slice.map((item) => ids[item.customerIndex]), slice.map((item) => item.facts.channel)],
		);
		conversations.push(...rows.map((row) => row.id));
	}
	return conversations;
}
