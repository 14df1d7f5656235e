/** Tokens already accepted, each with the Unix second it was first seen: a plain object, so it can live in n8n's static data. */
export type SeenTokens = Record<string, number>;

export interface ReplayCacheOptions {
	/** How long a token is remembered; past the signature's maximum age a replay is refused anyway. Default 600 s. */
	ttlSeconds?: number;
	/** The most tokens kept; the oldest are forgotten first. Default 1000. */
	maxEntries?: number;
}

/**
 * Remembers recently accepted Mailgun tokens so that a captured request cannot be replayed
 * within the signature's validity window. The state is the object passed in, mutated in
 * place (for a node: an object in its workflow static data).
 */
export class ReplayCache {
	private readonly ttlSeconds: number;
	private readonly maxEntries: number;

	constructor(
		private readonly seen: SeenTokens = {},
		options: ReplayCacheOptions = {},
	) {
		this.ttlSeconds = options.ttlSeconds ?? 600;
		this.maxEntries = Math.max(1, options.maxEntries ?? 1000);
	}

	/** Records the token and returns true when it is new; false when it was already used (a replay). */
	remember(token: string, now: number = Math.floor(Date.now() / 1000)): boolean {
		this.prune(now);
		if (Object.prototype.hasOwnProperty.call(this.seen, token)) return false;
		this.seen[token] = now;
		this.evictOverflow();
		return true;
	}

	/** How many tokens are remembered. */
	get size(): number {
		return Object.keys(this.seen).length;
	}

	private prune(now: number): void {
		for (const [token, seenAt] of Object.entries(this.seen)) if (now - seenAt > this.ttlSeconds) delete this.seen[token];
	}

	private evictOverflow(): void {
		const entries = Object.entries(this.seen);
		if (entries.length <= this.maxEntries) return;
		entries.sort(([, a], [, b]) => a - b);
		for (const [token] of entries.slice(0, entries.length - this.maxEntries)) delete this.seen[token];
	}
}
