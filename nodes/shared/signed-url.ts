import type { IWebhookFunctions } from 'n8n-workflow';

/**
 * The URL a provider signed along with the body: the public URL when n8n sits behind a proxy
 * that changes it, else n8n's own webhook URL, with the query string the provider called it
 * with (the providers that sign URLs sign it too).
 */
export function signedUrl(context: IWebhookFunctions, publicUrl: string): string {
	const base = publicUrl.trim() || context.getNodeWebhookUrl('default') || '';
	const request = context.getRequestObject();
	const called = request.originalUrl ?? request.url ?? '';
	const query = called.includes('?') ? called.slice(called.indexOf('?')) : '';
	return base.includes('?') || query === '' ? base : base + query;
}
