import { readFileSync } from 'node:fs';
import { INBOUND_ADAPTERS } from '../../../core/channels/registry';
import { PayloadError } from '../../../core/channels/shared/payload-error';
import { canonicalEventSchema, type CanonicalEvent } from '../../../core/model';
import { FORM_VOCABULARY, mutateForm } from './fuzz/form-mutations';
import { FUZZ_CHANNELS, seedFiles } from './fuzz/fuzz-channels';
import { keysOf, mutateJson, type Json } from './fuzz/json-mutations';
import { CASE_TIME_LIMIT_MS, runCases, type FuzzCase, type Outcome } from './fuzz/run-bounded';
import { SeededRandom, seedFor } from './fuzz/seeded-random';

/**
 * Mutated webhook bodies, from the real fixtures, through every inbound adapter: parse
 * returns canonical events or throws a PayloadError in our words, and never hangs, never
 * throws a TypeError, RangeError or SyntaxError. Seeded: every run tries the same bodies
 * (OMNICHANNEL_FUZZ_SEED and OMNICHANNEL_FUZZ_CASES explore further; OMNICHANNEL_FUZZ_REPORT prints the figures).
 */
const SEED = Number(process.env.OMNICHANNEL_FUZZ_SEED ?? 20260609);
const CASES_PER_CHANNEL = Number(process.env.OMNICHANNEL_FUZZ_CASES ?? 2000);

type Problem = 'hang' | 'internal error' | 'not our words' | 'not a PayloadError' | 'invalid event';

interface Finding {
	problem: Problem;
	detail: string;
	body: string;
}

function eventProblem(events: CanonicalEvent[]): string | undefined {
	for (const event of events) {
		const result = canonicalEventSchema.safeParse(event);
		if (!result.success) return `${result.error.issues[0].path.join('.')}: ${result.error.issues[0].message}`;
	}
	try {
		JSON.stringify(events);
	} catch (error) {
		return `the events do not serialize: ${(error as Error).message}`;
	}
	return undefined;
}

function errorProblem(error: unknown, label: string): Problem | undefined {
	if (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError || error instanceof ReferenceError || !(error instanceof Error)) return 'internal error';
	if (!error.message.startsWith(`${label}: `)) return 'not our words';
	if (!(error instanceof PayloadError)) return 'not a PayloadError';
	return undefined;
}

/** What is wrong with an outcome, if anything: events that fail the schema, a hang, an error that is not ours. */
function classify(outcome: Outcome, label: string, body: Buffer): Finding | undefined {
	let problem: Problem | undefined;
	let detail = '';
	if ('events' in outcome) {
		detail = eventProblem(outcome.events) ?? '';
		if (detail) problem = 'invalid event';
	} else if ('hang' in outcome) {
		[problem, detail] = ['hang', `still parsing after ${CASE_TIME_LIMIT_MS} ms`];
	} else {
		problem = errorProblem(outcome.error, label);
		detail = (outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message}` : String(outcome.error)).slice(0, 300);
	}
	return problem ? { problem, detail, body: preview(body) } : undefined;
}

function preview(body: Buffer): string {
	const text = body.toString('utf8');
	return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
}

const figures: Record<string, Record<string, number>> = {};

describe('inbound parsing under mutated bodies', () => {
	afterAll(() => {
		if (process.env.OMNICHANNEL_FUZZ_REPORT) process.stdout.write(`\nfuzz figures (seed ${SEED}): ${JSON.stringify(figures, null, 1)}\n`);
	});

	it.each(Object.keys(FUZZ_CHANNELS))('%s: events or our own error, never a crash or a hang', (name) => {
		const channel = FUZZ_CHANNELS[name];
		const adapter = INBOUND_ADAPTERS[name];
		const random = new SeededRandom(seedFor(name, SEED));
		const seeds = seedFiles(channel).map((file) => readFileSync(file, 'utf8'));
		expect(seeds.length).toBeGreaterThan(0);
		const json = adapter.bodyFormat === 'json';
		const documents = json ? seeds.map((text) => JSON.parse(text) as Json) : [];
		const vocabulary = json ? [...new Set([...documents.flatMap(keysOf), ...channel.extraKeys])] : FORM_VOCABULARY;
		const counts: Record<string, number> = { cases: 0, events: 0, 'our error': 0, hang: 0, 'internal error': 0, 'not our words': 0, 'not a PayloadError': 0, 'invalid event': 0 };
		const findings: Finding[] = [];
		const started = Date.now();

		const inputs: FuzzCase[] = Array.from({ length: CASES_PER_CHANNEL }, () => ({
			body: json ? mutateJson(random.pick(documents), random, vocabulary) : mutateForm(random.pick(seeds), random),
			options: { includeRaw: random.chance(0.3), includeEchoes: random.chance(0.3) },
		}));
		runCases(adapter, inputs).forEach((outcome, index) => {
			counts.cases++;
			const finding = classify(outcome, channel.label, inputs[index].body);
			if (finding) findings.push(finding);
			counts[finding?.problem ?? ('events' in outcome ? 'events' : 'our error')]++;
		});

		figures[name] = { ...counts, milliseconds: Date.now() - started };
		expect({ findings: findings.length, first: findings.slice(0, 5) }).toEqual({ findings: 0, first: [] });
	});
});
