import type { HttpClient } from '../../http/http-client';
import { asText, isRecord, objects } from '../shared/json-body';
import { graphUrl, type GraphTarget } from './graph-url';
import { webhookSetupRequest, type SetupHints } from './webhook-setup-request';

/**
 * A Facebook Page's (or, with Instagram Login, an Instagram account's) subscription to an
 * app (`/{id}/subscribed_apps`): Meta delivers the Page's events to the app's callback only
 * for fields subscribed both here and on the app. The request is made with the Page's (or
 * account's) own token, which the credential adds.
 */

export interface SubscribedAppsTarget extends GraphTarget {
	/** The Page id, or the Instagram account id. */
	nodeId: string;
	/** Which of the subscribed apps is ours. */
	appId: string;
	fields: string[];
	hints: SetupHints;
}

function edge(target: SubscribedAppsTarget): string {
	return graphUrl(target, `${encodeURIComponent(target.nodeId.trim())}/subscribed_apps`);
}

/** The fields our app is subscribed to, or undefined when it is not subscribed (GET /{id}/subscribed_apps). */
async function subscribedFields(client: HttpClient, target: SubscribedAppsTarget): Promise<string[] | undefined> {
	const body = await webhookSetupRequest<unknown>(client, { method: 'GET', url: edge(target) }, 'read which apps receive its webhooks', target.hints);
	const apps = objects(isRecord(body) ? body.data : undefined);
	// Instagram Login lists only the token's own app, without an id.
	const ours = apps.find((app) => asText(app.id) === target.appId.trim()) ?? (apps.length === 1 && asText(apps[0].id) === undefined ? apps[0] : undefined);
	if (!ours) return undefined;
	return Array.isArray(ours.subscribed_fields) ? ours.subscribed_fields.map(String) : [];
}

/** Subscribes our app to `fields` (POST /{id}/subscribed_apps?subscribed_fields=…), keeping the fields it already had. */
async function subscribeToFields(client: HttpClient, target: SubscribedAppsTarget, fields: string[]): Promise<void> {
	await webhookSetupRequest(
		client,
		{ method: 'POST', url: edge(target), query: { subscribed_fields: fields.join(',') } },
		`subscribe the app to ${fields.join(', ')}`,
		target.hints,
	);
}

/** Unsubscribes our app (DELETE /{id}/subscribed_apps). */
async function unsubscribeApp(client: HttpClient, target: SubscribedAppsTarget): Promise<void> {
	await webhookSetupRequest(client, { method: 'DELETE', url: edge(target) }, 'unsubscribe the app', target.hints);
}

/** What registering did, so that deactivating undoes exactly that: null when the app was not subscribed before. */
export interface SubscribedAppsState {
	nodeId: string;
	previousFields: string[] | null;
}

/** Whether our app is subscribed with every field the trigger needs. */
export async function subscribedToAll(client: HttpClient, target: SubscribedAppsTarget): Promise<boolean> {
	const fields = await subscribedFields(client, target);
	return !!fields && target.fields.every((field) => fields.includes(field));
}

export async function registerSubscribedApp(client: HttpClient, target: SubscribedAppsTarget): Promise<SubscribedAppsState> {
	const previous = await subscribedFields(client, target);
	await subscribeToFields(client, target, [...new Set([...(previous ?? []), ...target.fields])]);
	return { nodeId: target.nodeId, previousFields: previous ?? null };
}

/** Puts the subscription back as it was: removed when registering created it, the earlier fields when it only added some. */
export async function unregisterSubscribedApp(client: HttpClient, target: SubscribedAppsTarget, state: SubscribedAppsState): Promise<void> {
	const current = await subscribedFields(client, target);
	if (!current) return;
	if (state.previousFields === null) await unsubscribeApp(client, target);
	else if (state.previousFields.length > 0 && !current.every((field) => state.previousFields?.includes(field))) await subscribeToFields(client, target, state.previousFields);
}
