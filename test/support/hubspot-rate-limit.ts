/**
 * HubSpot's ten-secondly rolling limit for the HubSpot stand-in: at most N requests in any
 * window of 10 s (190 for a Professional or Enterprise private app); past it, 429 with the
 * TEN_SECONDLY_ROLLING body, the X-HubSpot-RateLimit-* headers and a Retry-After saying when a
 * slot frees. Only answered requests take a slot, so a client that waits as told gets through.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HubSpotRateLimitOptions {
	/** Requests allowed in one window; 190 is HubSpot's limit for private apps on Professional and Enterprise. */
	requests: number;
	/** The rolling window, 10,000 ms at HubSpot. */
	windowMs?: number;
	/** The clock, in ms; a test moves it by hand. */
	now?: () => number;
}

export interface HubSpotRateLimitAnswer {
	status: 429;
	body: unknown;
	headers: Record<string, string>;
}

const TEN_SECONDLY_BODY = JSON.parse(readFileSync(join(__dirname, '../fixtures/crm/hubspot/error-429-ten-secondly.response.json'), 'utf8')) as unknown;

export class HubSpotRateLimit {
	/** How many requests it answered 429. */
	refused = 0;
	private readonly windowMs: number;
	private readonly now: () => number;
	/** When each request of the current window was answered, oldest first. */
	private readonly taken: number[] = [];

	constructor(private readonly options: HubSpotRateLimitOptions) {
		this.windowMs = options.windowMs ?? 10_000;
		this.now = options.now ?? Date.now;
	}

	/** Takes a slot for this request, or answers the 429 HubSpot would. */
	admit(): HubSpotRateLimitAnswer | undefined {
		const now = this.now();
		while (this.taken.length && this.taken[0] <= now - this.windowMs) this.taken.shift();
		const headers = {
			'x-hubspot-ratelimit-interval-milliseconds': String(this.windowMs),
			'x-hubspot-ratelimit-max': String(this.options.requests),
		};
		if (this.taken.length < this.options.requests) {
			this.taken.push(now);
			return undefined;
		}
		this.refused++;
		// Retry-After is in whole seconds: until the oldest request leaves the window, rounded up.
		const waitMs = this.taken[0] + this.windowMs - now;
		return { status: 429, body: structuredClone(TEN_SECONDLY_BODY), headers: { ...headers, 'x-hubspot-ratelimit-remaining': '0', 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) } };
	}

	reset(): void {
		this.taken.splice(0);
		this.refused = 0;
	}
}
