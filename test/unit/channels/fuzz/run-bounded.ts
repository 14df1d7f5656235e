import vm from 'node:vm';
import type { InboundAdapter, ParseOptions } from '../../../../core/channels/types';
import type { CanonicalEvent } from '../../../../core/model';

export type BoundedResult<T> = { ok: true; value: T } | { ok: false; error: unknown } | { ok: false; timedOut: true };

const sandbox = vm.createContext({ task: undefined as (() => unknown) | undefined });
const call = new vm.Script('task()');

/**
 * Runs a synchronous task, stopped after `milliseconds`: node's vm watchdog interrupts
 * whatever JavaScript runs under the script, so an endless loop in a parser is reported
 * instead of hanging the test run.
 */
export function runBounded<T>(task: () => T, milliseconds: number): BoundedResult<T> {
	sandbox.task = task;
	try {
		return { ok: true, value: call.runInContext(sandbox, { timeout: milliseconds }) as T };
	} catch (error) {
		if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { ok: false, timedOut: true };
		return { ok: false, error };
	} finally {
		sandbox.task = undefined;
	}
}

export const BATCH_SIZE = 25;
export const BATCH_TIME_LIMIT_MS = 5000;
export const CASE_TIME_LIMIT_MS = 2000;

export interface FuzzCase {
	body: Buffer;
	options: ParseOptions;
}

export type Outcome = { events: CanonicalEvent[] } | { error: unknown } | { hang: true };

function attempt(adapter: InboundAdapter, input: FuzzCase): Outcome {
	try {
		return { events: adapter.parse(input.body, input.options) };
	} catch (error) {
		return { error };
	}
}

/**
 * Parses every case, in batches under one watchdog (starting one costs more than most
 * parses); a batch that runs out of time is run again case by case to find the one that
 * hangs. Both limits are far above a real parse (under a millisecond; a 300 KB batch, a
 * few hundred on a loaded machine), so that only a runaway loop trips them.
 */
export function runCases(adapter: InboundAdapter, inputs: FuzzCase[]): Outcome[] {
	const outcomes: Outcome[] = [];
	for (let start = 0; start < inputs.length; start += BATCH_SIZE) {
		const batch = inputs.slice(start, start + BATCH_SIZE);
		const together = runBounded(() => batch.map((input) => attempt(adapter, input)), BATCH_TIME_LIMIT_MS);
		if (together.ok) {
			outcomes.push(...together.value);
			continue;
		}
		for (const input of batch) {
			const alone = runBounded(() => attempt(adapter, input), CASE_TIME_LIMIT_MS);
			outcomes.push(alone.ok ? alone.value : { hang: true });
		}
	}
	return outcomes;
}
