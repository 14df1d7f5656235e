const WIDTH = 30;
const INTERVAL_MS = 100;

/** A one-line progress bar on a terminal; does nothing when the stream is not one. */
export class ProgressBar {
	private lastDraw = 0;
	private drawn = false;

	constructor(
		private readonly stream: NodeJS.WritableStream,
		private readonly total: number,
		private readonly enabled: boolean,
	) {}

	update(done: number, label: string, force = false): void {
		if (!this.enabled) return;
		const now = Date.now();
		if (!force && now - this.lastDraw < INTERVAL_MS) return;
		this.lastDraw = now;
		const ratio = this.total > 0 ? Math.min(1, done / this.total) : 1;
		const filled = Math.round(ratio * WIDTH);
		this.stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}%  ${label}\x1b[K`);
		this.drawn = true;
	}

	/** Clears the bar, so that what follows starts on a clean line. */
	finish(): void {
		if (this.enabled && this.drawn) this.stream.write('\r\x1b[2K');
		this.drawn = false;
	}
}
