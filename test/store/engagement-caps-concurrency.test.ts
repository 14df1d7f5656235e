// Frequency caps hold when n8n runs in queue mode: eight workers deciding at once for one
// customer, each on its own connection, never both pass a cap of one message a day.
import { CustomerGraph, EngagementPolicy, type EngagementDecision } from '../../core';
import { campaignRequest } from '../support/engagement';
import { postgresUnavailable } from '../support/postgres';
import { useWorkerConnections } from '../support/stores';

const WORKERS = 8;
const NOON = Date.parse('2026-11-20T15:00:00Z');

(postgresUnavailable ? describe.skip : describe)('engagement caps under concurrency on the PostgreSQL server (n8n queue-mode workers)', () => {
	const workers = useWorkerConnections('omni_policy_caps', WORKERS);

	const newCustomer = async (phone: string) => (await new CustomerGraph(workers[0]).resolve([{ identities: [{ kind: 'phone', value: phone }] }]))[0].customerId!;
	const tally = (decisions: EngagementDecision[]) =>
		decisions.reduce<Record<string, number>>((counts, decision) => {
			const key = decision.decision === 'blocked' ? decision.code : decision.decision;
			counts[key] = (counts[key] ?? 0) + 1;
			return counts;
		}, {});

	it('lets one of eight different campaigns through a cap of one a day, the others blocked for the cap', async () => {
		const customerId = await newCustomer('+5511960000001');
		const decisions = await Promise.all(workers.map((db, worker) => new EngagementPolicy(db).decide(customerId, campaignRequest(`campaign-${worker}`), NOON)));
		expect(tally(decisions)).toEqual({ send: 1, 'cap-reached': 7 });
		const [{ n }] = await workers[0].query<{ n: number }>('SELECT count(*)::int AS n FROM engagement_sends WHERE customer_id = $1', [customerId]);
		expect(n).toBe(1);
	});

	it('sends one message started by eight executions at once only once', async () => {
		const customerId = await newCustomer('+5511960000002');
		const request = campaignRequest('order-shipped', { purpose: 'transactional' });
		const decisions = await Promise.all(workers.map((db) => new EngagementPolicy(db).decide(customerId, request, NOON)));
		expect(tally(decisions)).toEqual({ send: 1, 'already-sent': 7 });
	});

	it('keeps a weekly cap of three across eight executions over a week', async () => {
		const customerId = await newCustomer('+5511960000003');
		const weekly = { caps: [{ limit: 3, hours: 168 }] };
		const decisions = await Promise.all(workers.map((db, worker) => new EngagementPolicy(db).decide(customerId, campaignRequest(`weekly-${worker}`, { rules: weekly }), NOON)));
		expect(tally(decisions)).toEqual({ send: 3, 'cap-reached': 5 });
	});

	it('keeps the cap for every customer when eight batches over the same customers, in different orders, run at once', async () => {
		const customers = await Promise.all(Array.from({ length: 30 }, (_, n) => newCustomer(`+55119610000${String(n).padStart(2, '0')}`)));
		const outcomes = await Promise.all(
			workers.map((db, worker) => {
				// Each worker lists the customers in its own order: the batch locks them in id order anyway.
				const rotated = [...customers.slice(worker * 4), ...customers.slice(0, worker * 4)];
				const order = worker % 2 ? rotated.reverse() : rotated;
				return new EngagementPolicy(db).decideMany(
					order.map((customerId) => ({ customerId, request: campaignRequest(`batch-${worker}`) })),
					NOON,
				);
			}),
		);
		const decisions = outcomes.flat().map((outcome) => ('decision' in outcome ? outcome.decision : undefined)).filter((decision) => decision !== undefined);
		expect(tally(decisions)).toEqual({ send: 30, 'cap-reached': 210 });
		const rows = await workers[0].query<{ n: number }>('SELECT count(*)::int AS n FROM engagement_sends WHERE customer_id = ANY($1::uuid[]) GROUP BY customer_id', [customers]);
		expect(rows.map((row) => row.n)).toEqual(Array(30).fill(1));
	});
});
