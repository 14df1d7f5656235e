import type { HttpClient } from '../../http/http-client';
import { asText, isRecord, objects } from '../shared/json-body';
import { graphUrl, type GraphTarget } from '../meta/graph-url';
import { webhookSetupRequest, type SetupHints } from '../meta/webhook-setup-request';
import { ProviderError } from '../provider-error';

/**
 * A WhatsApp Business Account's subscribed apps (`/{waba-id}/subscribed_apps`), with the
 * system user's token that the credential adds. Meta sends a WABA's webhooks only to apps
 * subscribed to it; an app may also give the WABA its own callback URL ("override"), which
 * then receives the WABA's messages webhooks instead of the app's callback URL.
 */

export interface WabaTarget extends GraphTarget {
	wabaId: string;
}

export interface WabaSubscription {
	/** The subscribed app (whatsapp_business_api_data.id). */
	appId?: string;
	overrideCallbackUri?: string;
}

const HINTS: SetupHints = {
	token: 'the access token in the Omnichannel WhatsApp Cloud API credential',
	permission: 'whatsapp_business_management',
};

function edge(target: WabaTarget): string {
	return graphUrl(target, `${encodeURIComponent(target.wabaId.trim())}/subscribed_apps`);
}

/** The apps subscribed to the WABA (GET /{waba-id}/subscribed_apps). */
async function wabaSubscriptions(client: HttpClient, target: WabaTarget): Promise<WabaSubscription[]> {
	const body = await webhookSetupRequest<unknown>(client, { method: 'GET', url: edge(target) }, 'read the apps subscribed to the WhatsApp Business Account', HINTS);
	return objects(isRecord(body) ? body.data : undefined).map((item) => ({
		appId: isRecord(item.whatsapp_business_api_data) ? asText(item.whatsapp_business_api_data.id) : undefined,
		overrideCallbackUri: asText(item.override_callback_uri),
	}));
}

/**
 * Subscribes the token's app to the WABA (POST /{waba-id}/subscribed_apps). With `override`,
 * the WABA's messages go to that URL, checked at once with a GET carrying its verify token;
 * without it, a POST also removes an override the app had set.
 */
async function subscribeAppToWaba(client: HttpClient, target: WabaTarget, override?: { callbackUrl: string; verifyToken: string }): Promise<void> {
	await webhookSetupRequest(
		client,
		{
			method: 'POST',
			url: edge(target),
			...(override ? { json: { override_callback_uri: override.callbackUrl, verify_token: override.verifyToken } } : {}),
		},
		override ? "send the WhatsApp Business Account's messages to this node" : 'subscribe the app to the WhatsApp Business Account',
		HINTS,
	);
}

/** Unsubscribes the token's app from the WABA (DELETE /{waba-id}/subscribed_apps). */
async function unsubscribeAppFromWaba(client: HttpClient, target: WabaTarget): Promise<void> {
	await webhookSetupRequest(client, { method: 'DELETE', url: edge(target) }, 'unsubscribe the app from the WhatsApp Business Account', HINTS);
}

// --- The WABA's own callback URL (override), for one WABA only ---

export async function wabaOverridePointsAt(client: HttpClient, target: WabaTarget, url: string): Promise<boolean> {
	return (await wabaSubscriptions(client, target)).some((subscription) => subscription.overrideCallbackUri === url);
}

export async function setWabaOverride(client: HttpClient, target: WabaTarget, callbackUrl: string, verifyToken: string): Promise<{ wabaId: string; callbackUrl: string }> {
	await subscribeAppToWaba(client, target, { callbackUrl, verifyToken });
	return { wabaId: target.wabaId, callbackUrl };
}

/** Removes the override while it still points at `callbackUrl`; the app stays subscribed, and the WABA's webhooks go to the app's callback URL again. */
export async function removeWabaOverride(client: HttpClient, target: WabaTarget, callbackUrl: string): Promise<void> {
	if (await wabaOverridePointsAt(client, target, callbackUrl)) await subscribeAppToWaba(client, target);
}

// --- The app's subscription to the WABA, when the app's own callback URL receives ---

/** Whether the app is subscribed and its WABA webhooks are not diverted elsewhere. */
export async function appSubscribedToWaba(client: HttpClient, target: WabaTarget, appId: string, url: string): Promise<boolean> {
	const ours = (await wabaSubscriptions(client, target)).find((subscription) => subscription.appId === appId.trim());
	return !!ours && (!ours.overrideCallbackUri || ours.overrideCallbackUri === url);
}

/** Subscribes the app; an override someone set for it is not removed silently but reported. */
export async function registerAppOnWaba(client: HttpClient, target: WabaTarget, appId: string): Promise<{ wabaId: string }> {
	const ours = (await wabaSubscriptions(client, target)).find((subscription) => subscription.appId === appId.trim());
	if (ours?.overrideCallbackUri) {
		throw new ProviderError('meta', `The WhatsApp Business Account ${target.wabaId} sends this app's messages to ${ours.overrideCallbackUri.split('?')[0]} (a callback override)`, {
			hint: 'Turn on "Receive Only This WhatsApp Business Account" in the trigger to point that override here instead, or remove the override, then activate again.',
		});
	}
	if (!ours) await subscribeAppToWaba(client, target);
	return { wabaId: target.wabaId };
}

export async function unregisterAppFromWaba(client: HttpClient, target: WabaTarget, appId: string): Promise<void> {
	const ours = (await wabaSubscriptions(client, target)).find((subscription) => subscription.appId === appId.trim());
	if (ours && !ours.overrideCallbackUri) await unsubscribeAppFromWaba(client, target);
}
