/**
 * CRM sync under HubSpot's rate limit: customers (each with an e-mail, a phone and a name, a
 * share of them already in HubSpot) synced into the local HubSpot stand-in, which allows
 * `--limit` requests in any 10 s window and answers 429 past it. Our path is the HubSpot
 * adapter's upsertContacts (batches of 100, retries honouring Retry-After); next to it, on a
 * sample, the pattern n8n's HubSpot node forces: per contact a search, then a create or an update.
 * Prints API calls per customer, the 429s the stand-in answered, the 429s that reached the caller
 * as failures (unhandled), wall time and customers/s for both, and the ratio of calls; the last
 * line is `calls_per_customer=<x> unhandled_429=<n>` for our path. No pass or fail.
 *
 *   npm run bench:crm [-- --customers 10000 --existing 0.3 --naive 300 --limit 190]
 */
import { parseArgs } from 'node:util';
import { CrmError, type CrmUpsertResult } from '../core/crm';
import { HubSpotAdapter } from '../core/crm/hubspot';
import type { HttpClient, HttpRequest } from '../core/http/http-client';
import { AxiosHttpClient } from '../test/support/axios-http-client';
import { startFakeHubSpotApi, type FakeHubSpotApi } from '../test/support/hubspot-api';
import { crmCustomers, type CrmBenchCustomer } from './bench/crm-customers';
import { NaiveHubSpotSync, NaiveSyncFailure } from './bench/naive-hubspot-sync';

const { values: args } = parseArgs({
	options: {
		customers: { type: 'string', default: '10000' },
		existing: { type: 'string', default: '0.3' },
		naive: { type: 'string', default: '300' },
		limit: { type: 'string', default: '190' },
	},
});
const CUSTOMERS = Number(args.customers);
const EXISTING = Number(args.existing);
const NAIVE = Math.min(Number(args.naive), CUSTOMERS);
const LIMIT = Number(args.limit);
const WINDOW_MS = 10_000;
const TOKEN = 'pat-na1-bench-0000-0000-000000000000';
/** The node's field mapping, the same for both paths. */
const MAPPED = { lifecyclestage: 'customer' };

/** The private app token as n8n's HubSpot App Token credential sends it. */
const bearer = (http: HttpClient): HttpClient => ({ request: (request: HttpRequest) => http.request({ ...request, headers: { ...request.headers, authorization: `Bearer ${TOKEN}` } }) });

interface Run {
	customers: number;
	calls: number;
	answered429: number;
	unhandled429: number;
	otherFailures: number;
	created: number;
	updated: number;
	seconds: number;
}

async function standIn(customers: CrmBenchCustomer[]): Promise<FakeHubSpotApi> {
	const api = await startFakeHubSpotApi([TOKEN], { rateLimit: { requests: LIMIT, windowMs: WINDOW_MS } });
	// As someone typed them in HubSpot: another spelling of the name, no phone.
	for (const { customer, inHubSpot } of customers) if (inHubSpot) api.addContact({ email: customer.emails[0], firstname: customer.name!.split(' ')[0].toUpperCase() });
	return api;
}

async function runOurs(customers: CrmBenchCustomer[]): Promise<Run> {
	const api = await standIn(customers);
	const adapter = new HubSpotAdapter({ http: bearer(new AxiosHttpClient()), baseUrl: api.url });
	const started = process.hrtime.bigint();
	let results: CrmUpsertResult[] = [];
	const refusals = new Set<CrmError>();
	try {
		results = await adapter.upsertContacts(customers.map(({ customer }) => ({ customer, properties: MAPPED })));
	} catch (error) {
		// Not expected: every refusal comes back as a result. Counted if it ever happens.
		if (error instanceof CrmError) refusals.add(error);
		else throw error;
	}
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	for (const result of results) if (!result.ok) refusals.add(result.error);
	const failed = results.filter((result) => !result.ok).length;
	const run: Run = {
		customers: customers.length,
		calls: api.requests.length,
		answered429: api.rateLimited(),
		// One refusal is one answer that reached the caller, whatever number of contacts it failed.
		unhandled429: [...refusals].filter((error) => error.details.status === 429).length,
		otherFailures: failed - results.filter((result) => !result.ok && result.error.details.status === 429).length,
		created: results.filter((result) => result.ok && result.created).length,
		updated: results.filter((result) => result.ok && !result.created).length,
		seconds,
	};
	console.log(`  ours: HubSpot now holds ${api.contacts.size} contacts (${run.created} created, ${run.updated} updated, ${failed} failed)`);
	await api.close();
	return run;
}

async function runNaive(customers: CrmBenchCustomer[]): Promise<Run> {
	const api = await standIn(customers);
	const naive = new NaiveHubSpotSync(bearer(new AxiosHttpClient()), api.url);
	const run: Run = { customers: customers.length, calls: 0, answered429: 0, unhandled429: 0, otherFailures: 0, created: 0, updated: 0, seconds: 0 };
	const started = process.hrtime.bigint();
	for (const { customer } of customers) {
		try {
			run[(await naive.sync(customer, MAPPED)) === 'created' ? 'created' : 'updated']++;
		} catch (error) {
			if (!(error instanceof NaiveSyncFailure)) throw error;
			run[error.status === 429 ? 'unhandled429' : 'otherFailures']++;
		}
	}
	run.seconds = Number(process.hrtime.bigint() - started) / 1e9;
	run.calls = api.requests.length;
	run.answered429 = api.rateLimited();
	console.log(`  naive: HubSpot now holds ${api.contacts.size} contacts (${run.created} created, ${run.updated} updated)`);
	await api.close();
	return run;
}

const perCustomer = (run: Run) => run.calls / run.customers;
const secondsText = (seconds: number) => (seconds >= 120 ? `${seconds.toFixed(0)} s (${(seconds / 60).toFixed(1)} min)` : `${seconds.toFixed(2)} s`);

async function main() {
	console.log(`CRM sync benchmark: ${CUSTOMERS} customers into the HubSpot stand-in (${(EXISTING * 100).toFixed(0)}% already there), ${LIMIT} requests per ${WINDOW_MS / 1000} s, 429 past it`);
	const customers = crmCustomers(CUSTOMERS, EXISTING);
	const ours = await runOurs(customers);
	console.log(`  naive: a sample of the first ${NAIVE} customers, sequential, same limit and retries…`);
	const naive = await runNaive(customers.slice(0, NAIVE));

	// Past the first window, the naive pattern runs at the limit's pace: LIMIT calls per window.
	const naiveCalls = perCustomer(naive) * CUSTOMERS;
	const extrapolated = Math.max(naive.seconds * (CUSTOMERS / naive.customers), ((naiveCalls - LIMIT) / LIMIT) * (WINDOW_MS / 1000));
	const rows: Array<[string, string, string]> = [
		['customers', String(ours.customers), `${naive.customers} (sample)`],
		['API calls', String(ours.calls), String(naive.calls)],
		['calls per customer', perCustomer(ours).toFixed(3), perCustomer(naive).toFixed(3)],
		['429s answered by the stand-in', String(ours.answered429), String(naive.answered429)],
		['unhandled 429s', String(ours.unhandled429), String(naive.unhandled429)],
		['other failures', String(ours.otherFailures), String(naive.otherFailures)],
		['wall time', secondsText(ours.seconds), `${secondsText(naive.seconds)} measured`],
		[`wall time for ${CUSTOMERS} customers`, secondsText(ours.seconds), `${secondsText(extrapolated)} extrapolated`],
		['customers/s', (ours.customers / ours.seconds).toFixed(0), (naive.customers / naive.seconds).toFixed(1)],
	];
	console.log('\nresults');
	console.log(`  ${''.padEnd(36)}${'ours: batch upsert'.padEnd(24)}naive: search, then create or update`);
	for (const [label, left, right] of rows) console.log(`  ${label.padEnd(36)}${left.padEnd(24)}${right}`);
	console.log(`  naive makes ${(perCustomer(naive) / perCustomer(ours)).toFixed(0)}x the calls per customer; for all ${CUSTOMERS} customers ${(extrapolated / ours.seconds).toFixed(0)}x the wall time (extrapolated)`);
	console.log('  target: <= 0.03 calls per customer for HubSpot upsert, 0 unhandled 429s');
	console.log(`calls_per_customer=${perCustomer(ours).toFixed(3)} unhandled_429=${ours.unhandled429}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
