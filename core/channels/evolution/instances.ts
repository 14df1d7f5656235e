import type { HttpClient } from '../../http/http-client';
import { DEFAULT_RETRY_POLICY, sendWithRetry } from '../../http/retry';
import { ProviderError } from '../provider-error';
import { asText, isRecord } from '../shared/json-body';
import { parseJid } from './jid';
import { evolutionSendError } from './send-errors';

/** One instance (a WhatsApp number) on an Evolution API server, as the editor lists it. */
export interface EvolutionInstance {
	name: string;
	/** open, connecting or close. */
	status?: string;
	/** The connected number, in international digits. */
	number?: string;
	profileName?: string;
}

/**
 * Reads one entry of GET /instance/fetchInstances: v2 answers `{ name, connectionStatus,
 * ownerJid, profileName }`, v1 `{ instance: { instanceName, status, owner, profileName } }`.
 * Instance tokens and anything else in the entry are left out.
 */
function instanceOf(entry: unknown): EvolutionInstance | undefined {
	if (!isRecord(entry)) return undefined;
	const v1 = isRecord(entry.instance) ? entry.instance : undefined;
	const name = asText(entry.name) ?? asText(v1?.instanceName);
	if (!name) return undefined;
	const owner = asText(entry.ownerJid) ?? asText(v1?.owner);
	const jid = owner ? parseJid(owner) : undefined;
	const instance: EvolutionInstance = { name };
	const status = asText(entry.connectionStatus) ?? asText(v1?.status);
	if (status) instance.status = status;
	const number = jid?.user ?? asText(entry.number);
	if (number) instance.number = number;
	const profileName = asText(entry.profileName) ?? asText(v1?.profileName);
	if (profileName) instance.profileName = profileName;
	return instance;
}

/** The instances the API key may see: all of them with the server's global key, its own with an instance token. */
export async function listEvolutionInstances(client: HttpClient, baseUrl: string, credentialInstance = ''): Promise<EvolutionInstance[]> {
	const base = String(baseUrl ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]/i.test(base)) throw new Error(`The Evolution API Base URL "${baseUrl}" is not an http(s) address`);
	const response = await sendWithRetry<unknown>(client, { method: 'GET', url: `${base}/instance/fetchInstances` }, DEFAULT_RETRY_POLICY);
	if (response.status < 200 || response.status >= 300) throw evolutionSendError(response, credentialInstance);
	if (!Array.isArray(response.body)) {
		throw new ProviderError('Evolution API', 'Evolution API answered the list of instances with something else', {
			status: response.status,
			hint: 'Check that the Base URL in the credential points at an Evolution API server, not another service.',
		});
	}
	return response.body.map(instanceOf).filter((instance): instance is EvolutionInstance => instance !== undefined);
}
