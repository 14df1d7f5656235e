/**
 * A local stand-in of Evolution API v2's webhook endpoints, with its state and answers:
 * `POST /webhook/set/:instance` validated against Evolution's webhookSchema (201 with the
 * stored record) and `GET /webhook/find/:instance` (the record, or null). The global API key
 * comes in the `apikey` header; an unknown instance gets the instance guard's 404.
 */
import { sendJson, startLocalServer, type LocalServer, type RecordedRequest } from './local-server';

/** The events Evolution accepts (EventController.events). */
const EVENTS = new Set([
	'APPLICATION_STARTUP', 'QRCODE_UPDATED', 'MESSAGES_SET', 'MESSAGES_UPSERT', 'MESSAGES_EDITED', 'MESSAGES_UPDATE', 'MESSAGES_DELETE',
	'SEND_MESSAGE', 'SEND_MESSAGE_UPDATE', 'CONTACTS_SET', 'CONTACTS_UPSERT', 'CONTACTS_UPDATE', 'PRESENCE_UPDATE', 'CHATS_SET',
	'CHATS_UPSERT', 'CHATS_UPDATE', 'CHATS_DELETE', 'GROUPS_UPSERT', 'GROUP_UPDATE', 'GROUP_PARTICIPANTS_UPDATE', 'CONNECTION_UPDATE',
	'LABELS_EDIT', 'LABELS_ASSOCIATION', 'CALL', 'TYPEBOT_START', 'TYPEBOT_CHANGE_STATUS', 'REMOVE_INSTANCE', 'LOGOUT_INSTANCE',
]);

export interface EvolutionWebhookRecord {
	id: string;
	url: string;
	headers: Record<string, string> | null;
	enabled: boolean;
	events: string[];
	webhookByEvents: boolean;
	webhookBase64: boolean;
	instanceId: string;
}

export interface FakeEvolutionApi {
	url: string;
	requests: RecordedRequest[];
	violations: string[];
	webhooks: Map<string, EvolutionWebhookRecord>;
	failNext(status: number, body: unknown): void;
	reset(): void;
	close(): Promise<void>;
}

function schemaProblems(body: unknown): string[] {
	const webhook = (body as { webhook?: Record<string, unknown> } | undefined)?.webhook;
	if (typeof webhook !== 'object' || webhook === null) return ['webhook is required'];
	const problems: string[] = [];
	if (typeof webhook.enabled !== 'boolean') problems.push('webhook.enabled must be a boolean');
	if (typeof webhook.url !== 'string' || webhook.url.length === 0) problems.push('The "url" cannot be empty');
	for (const key of ['byEvents', 'base64']) if (webhook[key] !== undefined && typeof webhook[key] !== 'boolean') problems.push(`webhook.${key} must be a boolean`);
	if (webhook.headers !== undefined && (typeof webhook.headers !== 'object' || webhook.headers === null)) problems.push('webhook.headers must be an object');
	if (webhook.events !== undefined && (!Array.isArray(webhook.events) || webhook.events.some((event) => !EVENTS.has(String(event))))) problems.push('webhook.events holds an unknown event');
	for (const key of Object.keys(webhook)) if (!['enabled', 'url', 'headers', 'byEvents', 'base64', 'events'].includes(key)) problems.push(`webhook.${key} is not a property`);
	return problems;
}

export async function startFakeEvolutionApi(apiKey: string, instances: string[]): Promise<FakeEvolutionApi> {
	const webhooks = new Map<string, EvolutionWebhookRecord>();
	const violations: string[] = [];
	const failures: Array<{ status: number; body: unknown }> = [];
	const server: LocalServer = await startLocalServer((request, response) => {
		const match = /^\/webhook\/(set|find)\/([^/]+)$/.exec(request.path);
		if (!match) {
			violations.push(`${request.method} ${request.path} is not an endpoint the trigger should call`);
			return sendJson(response, 404, { status: 404, error: 'Not Found', response: { message: [`Cannot ${request.method} ${request.path}`] } });
		}
		const [, action, rawInstance] = match;
		const instance = decodeURIComponent(rawInstance);
		if (request.headers.apikey !== apiKey) return sendJson(response, 401, { status: 401, error: 'Unauthorized', response: { message: 'Unauthorized' } });
		if (!instances.includes(instance)) return sendJson(response, 404, { status: 404, error: 'Not Found', response: { message: [`The "${instance}" instance does not exist`] } });
		const failure = failures.shift();
		if (failure) return sendJson(response, failure.status, failure.body);
		if (action === 'find' && request.method === 'GET') return sendJson(response, 200, webhooks.get(instance) ?? null);
		if (action === 'set' && request.method === 'POST') {
			const problems = schemaProblems(request.json);
			if (problems.length) {
				violations.push(...problems);
				return sendJson(response, 400, { status: 400, error: 'Bad Request', response: { message: problems } });
			}
			const webhook = (request.json as { webhook: Record<string, unknown> }).webhook;
			const previous = webhooks.get(instance);
			const enabled = webhook.enabled as boolean;
			const events = enabled ? ((webhook.events as string[] | undefined)?.length ? (webhook.events as string[]) : [...EVENTS]) : [];
			const record: EvolutionWebhookRecord = {
				id: previous?.id ?? `clx${instance}`,
				instanceId: `instance-${instance}`,
				url: webhook.url as string,
				// Prisma's update leaves out what is undefined.
				headers: (webhook.headers as Record<string, string> | undefined) ?? previous?.headers ?? null,
				enabled,
				events,
				webhookByEvents: (webhook.byEvents as boolean | undefined) ?? previous?.webhookByEvents ?? false,
				webhookBase64: (webhook.base64 as boolean | undefined) ?? previous?.webhookBase64 ?? false,
			};
			webhooks.set(instance, record);
			return sendJson(response, 201, record);
		}
		violations.push(`${request.method} /webhook/${action} is not allowed`);
		sendJson(response, 404, { status: 404, error: 'Not Found', response: { message: ['Not Found'] } });
	});
	return {
		url: server.url,
		requests: server.requests,
		violations,
		webhooks,
		failNext: (status, body) => failures.push({ status, body }),
		reset: () => {
			server.requests.splice(0);
			violations.splice(0);
			webhooks.clear();
			failures.splice(0);
		},
		close: () => server.close(),
	};
}
