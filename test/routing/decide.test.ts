import { hasCapacity, type AgentSnapshot } from '../../core/routing/agents';
import { decideRoute, type Route, type RoutingInput } from '../../core/routing/decide';
import type { RoutingFacts } from '../../core/routing/routing-facts';
import { parseBusinessSchedule } from '../../core/routing/schedule';

const NOW = Date.parse('2026-12-16T14:00:00Z'); // a Wednesday, 15:00 in Warsaw
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW - ms).toISOString();

const agent = (id: string, name: string, more: Partial<AgentSnapshot> = {}): AgentSnapshot => ({
	id,
	name,
	status: 'online',
	queues: ['Support'],
	capacity: { chat: 3, call: 1, email: 10 },
	load: {},
	...more,
});

const ana = agent('a1', 'Ana', { load: { chat: 2 }, skills: ['billing'], languages: ['pt-BR', 'en'], lastAssignedAt: ago(HOUR) });
const bruno = agent('b2', 'Bruno', { load: { chat: 1 }, languages: ['en'], lastAssignedAt: ago(3 * HOUR) });
const carla = agent('c3', 'Carla', { load: { chat: 1 }, capacity: { chat: 2 }, skills: ['billing'], languages: ['pl'], lastAssignedAt: ago(10 * 60_000) });
const TEAM = [ana, bruno, carla];

const whatsapp: RoutingFacts = { channel: 'whatsapp', text: 'Hello', traits: {} };

const support = (assignment: Route['assignment'], conditions?: Route['conditions']): Route[] => [{ name: 'Support', queue: 'Support', assignment, conditions }];

const office = parseBusinessSchedule({ timeZone: 'Europe/Warsaw', weekly: { monday: ['09:00-17:00'], tuesday: ['09:00-17:00'], wednesday: ['09:00-14:00'] } });

interface Row {
	case: string;
	facts?: Partial<RoutingFacts>;
	routes: Route[];
	agents?: AgentSnapshot[];
	fallback?: RoutingInput['fallback'];
	expected: { route?: string; agent?: string; reason: string };
}

const table: Row[] = [
	{ case: 'least busy by share of capacity', routes: support({ strategy: 'leastBusy' }), expected: { route: 'Support', agent: 'Bruno', reason: 'least busy: Bruno has 1 of 3 chats' } },
	{
		case: 'least busy counts the kind of work of the channel: calls',
		facts: { channel: 'voice' },
		routes: support({ strategy: 'leastBusy' }),
		agents: [agent('a1', 'Ana', { load: { call: 1 } }), agent('b2', 'Bruno', { load: { chat: 3 } })],
		expected: { route: 'Support', agent: 'Bruno', reason: 'least busy: Bruno has 0 of 1 call' },
	},
	{
		case: 'round robin: the agent assigned longest ago',
		routes: support({ strategy: 'roundRobin' }),
		expected: { route: 'Support', agent: 'Bruno', reason: "round robin: Bruno's turn, last assigned 3 hours ago" },
	},
	{
		case: 'round robin: never assigned goes first, ties by id',
		routes: support({ strategy: 'roundRobin' }),
		agents: [agent('z9', 'Zoe'), agent('d4', 'Dora'), bruno],
		expected: { route: 'Support', agent: 'Dora', reason: "round robin: Dora's turn, not assigned yet" },
	},
	{
		case: 'round robin skips an agent at capacity even when it is their turn',
		routes: support({ strategy: 'roundRobin' }),
		agents: [agent('d4', 'Dora', { load: { chat: 3 } }), carla],
		expected: { route: 'Support', agent: 'Carla', reason: "round robin: Carla's turn, last assigned 10 minutes ago" },
	},
	{
		case: 'sticky: back to the agent who served the customer on this channel',
		facts: { previousAgents: [{ agentId: 'a1', channel: 'whatsapp', servedAt: ago(2 * DAY) }, { agentId: 'b2', channel: 'email', servedAt: ago(HOUR) }] },
		routes: support({ sticky: true, strategy: 'leastBusy' }),
		expected: { route: 'Support', agent: 'Ana', reason: 'sticky: Ana answered this customer on WhatsApp 2 days ago' },
	},
	{
		case: 'sticky: else the agent who served them last on another channel',
		facts: { channel: 'instagram', previousAgents: [{ agentId: 'a1', channel: 'whatsapp', servedAt: ago(2 * DAY) }, { agentId: 'c3', channel: 'email', servedAt: ago(5 * HOUR) }] },
		routes: support({ sticky: true, strategy: 'leastBusy' }),
		expected: { route: 'Support', agent: 'Carla', reason: 'sticky: Carla answered this customer on e-mail 5 hours ago' },
	},
	{
		case: 'sticky falls back when the previous agent is offline, and says so',
		facts: { previousAgents: [{ agentId: 'a1', channel: 'whatsapp', servedAt: ago(2 * DAY) }] },
		routes: support({ sticky: true, strategy: 'leastBusy' }),
		agents: [{ ...ana, status: 'offline' }, bruno],
		expected: { route: 'Support', agent: 'Bruno', reason: 'Ana, who answered this customer on WhatsApp 2 days ago, is offline; least busy: Bruno has 1 of 3 chats' },
	},
	{
		case: 'sticky falls back when the previous agent is full',
		facts: { previousAgents: [{ agentId: 'c3', channel: 'whatsapp', servedAt: ago(30 * 60_000) }] },
		routes: support({ sticky: true, strategy: 'roundRobin' }),
		agents: [{ ...carla, load: { chat: 2 } }, bruno],
		expected: { route: 'Support', agent: 'Bruno', reason: "Carla, who answered this customer on WhatsApp 30 minutes ago, has 2 of 2 chats; round robin: Bruno's turn, last assigned 3 hours ago" },
	},
	{
		case: 'sticky without a strategy waits in the queue when the previous agent is away',
		facts: { previousAgents: [{ agentId: 'a1', channel: 'whatsapp', servedAt: ago(2 * DAY) }] },
		routes: support({ sticky: true }),
		agents: [{ ...ana, status: 'away' }, bruno],
		expected: { route: 'Support', reason: 'Ana, who answered this customer on WhatsApp 2 days ago, is away; waiting in queue' },
	},
	{
		case: 'sticky for a customer nobody served',
		routes: support({ sticky: true, strategy: 'leastBusy' }),
		expected: { route: 'Support', agent: 'Bruno', reason: 'nobody served this customer before; least busy: Bruno has 1 of 3 chats' },
	},
	{
		case: 'skills: required skill and the customer’s language',
		facts: { language: 'pt-BR' },
		routes: support({ strategy: 'skills', requiredSkills: ['Billing'], matchLanguage: true }),
		expected: { route: 'Support', agent: 'Ana', reason: 'skills: Ana has Billing and Portuguese; Ana has 2 of 3 chats' },
	},
	{
		case: 'skills: nobody qualified',
		facts: { language: 'de' },
		routes: support({ strategy: 'skills', requiredSkills: ['billing'], matchLanguage: true }),
		expected: { route: 'Support', reason: 'no agent in Support has billing and German: waiting in queue' },
	},
	{
		case: 'no agent free: everyone online is at capacity',
		routes: support({ strategy: 'leastBusy' }),
		agents: [{ ...ana, load: { chat: 3 } }, { ...carla, load: { chat: 2 } }, { ...bruno, status: 'offline' }],
		expected: { route: 'Support', reason: 'no agent free in Support (2 online, all at capacity): waiting in queue' },
	},
	{
		case: 'no agent free: nobody online',
		routes: support({ strategy: 'roundRobin' }),
		agents: [{ ...ana, status: 'away' }, { ...bruno, status: 'offline' }],
		expected: { route: 'Support', reason: 'no agent free in Support (none online): waiting in queue' },
	},
	{
		case: 'an agent of another queue is never chosen',
		routes: support({ strategy: 'leastBusy' }),
		agents: [{ ...bruno, queues: ['Sales'] }, ana],
		expected: { route: 'Support', agent: 'Ana', reason: 'least busy: Ana has 2 of 3 chats' },
	},
	{
		case: 'no route matched: fallback',
		facts: { channel: 'sms' },
		routes: support({ strategy: 'leastBusy' }, { channels: ['whatsapp'] }),
		fallback: { queue: 'General' },
		expected: { reason: 'no route matched: fallback' },
	},
];

describe('routing decisions: route, agent and reason in plain words', () => {
	it.each(table)('$case', (row) => {
		const decision = decideRoute({ facts: { ...whatsapp, ...row.facts }, routes: row.routes, agents: row.agents ?? TEAM, fallback: row.fallback, now: NOW });
		expect({ route: decision.route, agent: decision.agent?.name, reason: decision.reason }).toEqual(row.expected);
	});
});

describe('route conditions: the first route whose conditions all hold wins', () => {
	const routes: Route[] = [
		{ name: 'VIP', queue: 'VIP', priority: 'high', conditions: { traits: [{ trait: 'plan', equals: 'gold' }] } },
		{ name: 'Refunds', queue: 'Billing', conditions: { keywords: { any: ['refund', 'reembolso'] } } },
		{ name: 'Orders', queue: 'Support', conditions: { pattern: String.raw`\border\s*#?\d{4,}` } },
		{ name: 'Tagged', queue: 'Support', conditions: { tags: { all: ['complaint', 'press'] } } },
		{ name: 'After hours', queue: 'Support', conditions: { withinBusinessHours: false } },
		{ name: 'Returning', queue: 'Support', conditions: { hasPreviousAgent: true, minutesSinceLastContact: { below: 60 } } },
		{ name: 'Lapsed', queue: 'Sales', conditions: { minutesSinceLastContact: { above: 30 * 24 * 60 }, traits: [{ trait: 'email', exists: true }] } },
		{ name: 'Instagram', queue: 'Social', conditions: { channels: ['instagram', 'messenger'], traits: [{ trait: 'interests', contains: 'Shoes' }] } },
	];
	const schedules = { Support: office };

	it.each<[string, Partial<RoutingFacts>, number, string | undefined, string[]]>([
		['a trait equals, whatever its case', { traits: { plan: ' Gold ' } }, NOW, 'VIP', ['plan is gold']],
		['a keyword, as a whole word with accents aside', { text: 'Quero um REEMBOLSO já' }, NOW, 'Refunds', ['the text has "reembolso"']],
		['a keyword inside a longer word does not count', { text: 'Is this refundable?' }, NOW - 3 * HOUR, undefined, []],
		['a regular expression on the text', { text: 'Where is my order #12345?' }, NOW, 'Orders', [String.raw`the text matches \border\s*#?\d{4,}`]],
		['all tags', { tags: ['Press', 'complaint'] }, NOW, 'Tagged', ['tagged "complaint" and "press"']],
		['one of two tags is not all', { tags: ['press'] }, NOW - 3 * HOUR, undefined, []],
		['outside the queue’s business hours (Wednesday 15:00 in Warsaw, closed at 14:00)', {}, NOW, 'After hours', ['outside business hours']],
		['within business hours the after-hours route is skipped', {}, NOW - 3 * HOUR, undefined, []],
		[
			'a previous agent and a recent contact',
			{ previousAgents: [{ agentId: 'a1', channel: 'whatsapp', servedAt: ago(DAY) }], lastContactAt: ago(20 * 60_000) },
			NOW - 3 * HOUR - 20 * 60_000,
			'Returning',
			['last contact under 60 minutes ago', 'served before'],
		],
		['a customer never in contact is above any number of minutes', { traits: { email: 'x@example.com' } }, NOW - 3 * HOUR, 'Lapsed', ['email is set', 'first contact']],
		['a channel in the list and a trait list containing a value', { channel: 'instagram', traits: { interests: ['bags', 'shoes'] } }, NOW - 3 * HOUR, 'Instagram', ['channel is Instagram', 'interests contains Shoes']],
	])('%s', (_, facts, now, route, matched) => {
		const decision = decideRoute({ facts: { ...whatsapp, ...facts }, routes, agents: TEAM, schedules, now, fallback: { queue: 'General' } });
		expect(decision.route).toBe(route);
		expect(decision.matched).toEqual(matched);
		expect(decision.queue).toBe(route ? routes.find((candidate) => candidate.name === route)!.queue : 'General');
	});

	it('carries the route’s priority, normal by default', () => {
		expect(decideRoute({ facts: { ...whatsapp, traits: { plan: 'gold' } }, routes, agents: TEAM, now: NOW }).priority).toBe('high');
		expect(decideRoute({ facts: whatsapp, routes: [], agents: TEAM, now: NOW })).toEqual({ kind: 'chat', priority: 'normal', reason: 'no route matched: fallback', matched: [] });
	});
});

describe('deterministic and within capacity', () => {
	it('the same input gives the same decision, whatever the order of the agents', () => {
		const twins = [agent('b2', 'Bea', { load: { chat: 1 } }), agent('a1', 'Abe', { load: { chat: 1 } })];
		const decide = (agents: AgentSnapshot[]) => decideRoute({ facts: whatsapp, routes: support({ strategy: 'leastBusy' }), agents, now: NOW });
		expect(decide(twins).agent).toEqual({ id: 'a1', name: 'Abe' });
		expect(decide([...twins].reverse())).toEqual(decide(twins));
	});

	it('assigning one after another never gives an agent more than their capacity', () => {
		let agents = [agent('a1', 'Ana', { capacity: { chat: 2 } }), agent('b2', 'Bruno', { capacity: { chat: 1 } })];
		const assigned: string[] = [];
		for (let item = 0; item < 5; item++) {
			const decision = decideRoute({ facts: whatsapp, routes: support({ strategy: 'roundRobin' }), agents, now: NOW + item });
			if (!decision.agent) break;
			assigned.push(decision.agent.name);
			agents = agents.map((one) => (one.id === decision.agent!.id ? { ...one, load: { chat: (one.load?.chat ?? 0) + 1 }, lastAssignedAt: NOW + item } : one));
		}
		expect(assigned).toEqual(['Ana', 'Bruno', 'Ana']);
		expect(agents.every((one) => !hasCapacity(one, 'chat'))).toBe(true);
	});

	it.each([
		[{ chat: 3 }, { chat: 2 }, 'chat', true],
		[{ chat: 3 }, { chat: 3 }, 'chat', false],
		[{ chat: 3 }, {}, 'call', false],
		[{ email: 10 }, undefined, 'email', true],
	])('hasCapacity: capacity %j, load %j, %s → %s', (capacity, load, kind, expected) => {
		expect(hasCapacity(agent('x', 'X', { capacity, load }), kind)).toBe(expected);
	});
});

describe('routes that cannot be used are refused with the route’s name', () => {
	it.each([
		['a pattern that repeats a repeating group', '(a+)+$', 'Route "Spam": the pattern repeats a group that itself repeats'],
		['a nested star', String.raw`^(\w*\s?)*$`, 'repeats a group that itself repeats'],
		['a back-reference', String.raw`(\w)\1`, 'refers back to a group'],
		['a pattern over 200 characters', 'a'.repeat(201), 'is 201 characters long: keep it to 200'],
		['an invalid expression', '(unclosed', 'is not a valid regular expression'],
	])('%s', (_, pattern, message) => {
		const routes: Route[] = [{ name: 'Spam', queue: 'Support', conditions: { pattern } }];
		expect(() => decideRoute({ facts: whatsapp, routes, agents: TEAM, now: NOW })).toThrow(message);
	});

	it.each([String.raw`^(hi|hello)\b`, String.raw`(\d{3})-(\d{4})`, String.raw`[(+*)]+\d+`, String.raw`(?:order|pedido)\s*#?\d+`, '(ab){2}x?'])('an ordinary pattern is accepted: %s', (pattern) => {
		const routes: Route[] = [{ name: 'Ordinary', queue: 'Support', conditions: { pattern } }];
		expect(() => decideRoute({ facts: whatsapp, routes, agents: TEAM, now: NOW })).not.toThrow();
	});

	it('two routes with one name', () => {
		expect(() => decideRoute({ facts: whatsapp, routes: [...support({}), ...support({})], agents: TEAM, now: NOW })).toThrow('Two routes are named "Support"');
	});

	it('a safe pattern tests only the first 2,000 characters of a long text, quickly', () => {
		const routes: Route[] = [{ name: 'Tail', queue: 'Support', conditions: { pattern: 'needle' } }];
		const started = Date.now();
		expect(decideRoute({ facts: { ...whatsapp, text: `${'x'.repeat(1_999)}needle` }, routes, agents: TEAM, now: NOW }).route).toBeUndefined();
		expect(decideRoute({ facts: { ...whatsapp, text: `${'x'.repeat(1_994)}needle` }, routes, agents: TEAM, now: NOW }).route).toBe('Tail');
		expect(Date.now() - started).toBeLessThan(1_000);
	});
});
