/**
 * A small deterministic pseudo-random generator (mulberry32): the same seed gives the same
 * mutations on every machine, so a failure found once can be replayed.
 */
export class SeededRandom {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [0, max). */
	int(max: number): number {
		return Math.floor(this.next() * max);
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}
}

/** A stable 32-bit seed for a name (FNV-1a), so each channel has its own sequence. */
export function seedFor(name: string, base: number): number {
	let hash = 0x811c9dc5 ^ base;
	for (let index = 0; index < name.length; index++) hash = Math.imul(hash ^ name.charCodeAt(index), 0x01000193);
	return hash >>> 0;
}
