import type { HttpClient } from '../../http/http-client';
import { ProviderError } from '../provider-error';
import { asText, isRecord, objects } from '../shared/json-body';
import { graphUrl, type GraphTarget } from './graph-url';
import { webhookSetupRequest, type SetupHints } from './webhook-setup-request';

/**
 * A Meta app's webhook callback for one kind of object (`/{app-id}/subscriptions`): where
 * Meta sends the app's WhatsApp, Page or Instagram events, and which fields. These calls
 * need the app access token "{app-id}|{app-secret}", not a user's or Page's token; it goes
 * in the Authorization header (never in a URL, where it could be logged), and the client
 * must add no other token.
 */

export type MetaWebhookObject = 'whatsapp_business_account' | 'page' | 'instagram';

export interface AppSubscriptionTarget extends GraphTarget {
	appId: string;
	appSecret: string;
	object: MetaWebhookObject;
	/** The fields the trigger needs, e.g. ["messages"]. */
	fields: string[];
}

export interface AppSubscription {
	callbackUrl: string;
	active: boolean;
	fields: string[];
}

const HINTS: SetupHints = { token: 'the App ID and App Secret in the credential', permission: 'app administrator' };

function appRequestHeaders(target: AppSubscriptionTarget): Record<string, string> {
	return { authorization: `Bearer ${target.appId.trim()}|${target.appSecret.trim()}` };
}

/** The address without its query: what may be shown of someone else's callback URL. */
function shown(url: string): string {
	return url.split('?')[0];
}

/** The app's subscription for the target's object, if it has one (GET /{app-id}/subscriptions). */
async function appSubscription(client: HttpClient, target: AppSubscriptionTarget): Promise<AppSubscription | undefined> {
	const body = await webhookSetupRequest<unknown>(
		client,
		{ method: 'GET', url: graphUrl(target, `${encodeURIComponent(target.appId.trim())}/subscriptions`), headers: appRequestHeaders(target) },
		"read the app's webhook subscriptions",
		HINTS,
	);
	const found = objects(isRecord(body) ? body.data : undefined).find((item) => item.object === target.object);
	if (!found) return undefined;
	return {
		callbackUrl: asText(found.callback_url) ?? '',
		active: found.active !== false,
		fields: objects(found.fields).map((field) => asText(field.name) ?? '').filter(Boolean),
	};
}

/** Whether Meta sends the app's events for the object to `url`, with every field the trigger needs. */
export async function appDeliversTo(client: HttpClient, target: AppSubscriptionTarget, url: string): Promise<boolean> {
	const current = await appSubscription(client, target);
	return !!current && current.active && current.callbackUrl === url && target.fields.every((field) => current.fields.includes(field));
}

/**
 * Points the app's webhooks for the object at `callbackUrl` (POST /{app-id}/subscriptions).
 * Meta checks the URL at once with a GET carrying `verifyToken`, which the trigger answers.
 * An app has one callback URL per object: one set by someone else is refused here rather
 * than taken over, since it could not be put back (its verify token is unknown).
 */
export async function subscribeApp(
	client: HttpClient,
	target: AppSubscriptionTarget,
	input: { callbackUrl: string; verifyToken: string; mayReplace: (url: string) => boolean },
): Promise<void> {
	const current = await appSubscription(client, target);
	if (current?.callbackUrl && current.callbackUrl !== input.callbackUrl && !input.mayReplace(current.callbackUrl)) {
		throw new ProviderError('meta', `The Meta app ${target.appId} already sends its ${target.object} webhooks to ${shown(current.callbackUrl)}`, {
			hint: 'A Meta app has one callback URL per product. If that address is no longer used, remove it in the Meta App Dashboard (Webhooks), or deactivate the workflow that uses it; then activate this one again.',
		});
	}
	await webhookSetupRequest(
		client,
		{
			method: 'POST',
			url: graphUrl(target, `${encodeURIComponent(target.appId.trim())}/subscriptions`),
			headers: appRequestHeaders(target),
			form: {
				object: target.object,
				callback_url: input.callbackUrl,
				fields: target.fields.join(','),
				include_values: 'true',
				verify_token: input.verifyToken,
			},
		},
		`point the app's ${target.object} webhooks at this node`,
		HINTS,
	);
}

/** Removes the app's subscription for the object, only while it still points at `callbackUrl` (DELETE /{app-id}/subscriptions). */
export async function unsubscribeApp(client: HttpClient, target: AppSubscriptionTarget, callbackUrl: string): Promise<void> {
	const current = await appSubscription(client, target);
	if (current?.callbackUrl !== callbackUrl) return;
	await webhookSetupRequest(
		client,
		{
			method: 'DELETE',
			url: graphUrl(target, `${encodeURIComponent(target.appId.trim())}/subscriptions`),
			headers: appRequestHeaders(target),
			query: { object: target.object },
		},
		`remove the app's ${target.object} webhooks`,
		HINTS,
	);
}
