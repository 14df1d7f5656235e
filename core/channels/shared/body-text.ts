import { PayloadError } from './payload-error';

/** The body as text, refused past `maxBytes` before anything reads it. */
export function boundedBodyText(body: Buffer | string, provider: string, maxBytes: number): string {
	const bytes = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
	if (bytes > maxBytes) {
		throw new PayloadError(provider, `the request body is ${bytes.toLocaleString('en-US')} bytes; the limit is ${maxBytes.toLocaleString('en-US')} (${Math.round(maxBytes / 1024 / 1024)} MiB)`);
	}
	return typeof body === 'string' ? body : body.toString('utf8');
}
