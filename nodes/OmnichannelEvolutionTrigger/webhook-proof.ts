import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { evolutionConnectionState, type EvolutionConnectionState } from '../../core/channels/evolution/connection';
import { evolutionInbound } from '../../core/channels/evolution/inbound';
import { verifyEvolutionJwt } from '../../core/channels/evolution/signature';
import { constantTimeEqual } from '../../core/channels/shared/constant-time-equal';
import type { InboundAdapter, VerifyResult } from '../../core/channels/types';

/** What receiveChannelWebhook needs to check an Evolution webhook the way the credential asks. */
export interface EvolutionWebhookCheck {
	adapter: InboundAdapter;
	/** Undefined when the credential sets no proof: every request is accepted. */
	secret: string | undefined;
	/** The `connection.update` of the request, once it passed the check and was read. */
	connection(): EvolutionConnectionState | undefined;
}

const headerValue = (headers: IDataObject, name: string): string | undefined => {
	const value = headers[name];
	return Array.isArray(value) ? String(value[0]) : typeof value === 'string' ? value : undefined;
};

/**
 * Evolution signs no body. The proof is what the instance's webhook sends in its headers:
 * a Bearer JWT signed with `jwt_key` (checked when the credential has a Webhook JWT Key),
 * a custom header with a secret value (compared in constant time when the credential has
 * both its name and value), both when both are set, or nothing. A header name without
 * a value (or the reverse) refuses every request rather than silently checking nothing. `connection.update`
 * yields no canonical event; its state is read here, after the check.
 */
export function evolutionWebhookCheck(credential: ICredentialDataDecryptedObject, headers: IDataObject): EvolutionWebhookCheck {
	const jwtKey = String(credential.webhookJwtKey ?? '').trim();
	const customName = String(credential.webhookHeaderName ?? '').trim().toLowerCase();
	const customValue = String(credential.webhookHeaderValue ?? '');
	const custom = customName !== '' && customValue !== '';
	// Half a header proof (a name without a value, or the reverse) protects nothing: refuse all until fixed.
	const incomplete = !custom && (customName !== '' || customValue !== '');
	let connection: EvolutionConnectionState | undefined;

	const checkCustom = (received: string | undefined): VerifyResult => {
		if (received === undefined) return { valid: false, reason: `Evolution API: the ${customName} header is missing` };
		return constantTimeEqual(received, customValue) ? { valid: true } : { valid: false, reason: `Evolution API: the ${customName} header does not match` };
	};

	const adapter: InboundAdapter = {
		...evolutionInbound,
		signatureHeader: jwtKey || !customName ? evolutionInbound.signatureHeader : customName,
		verify(input) {
			if (incomplete) return { valid: false, reason: 'Evolution API: the credential has a Webhook Header Name or Value but not both; set both, or clear both' };
			if (!jwtKey) return checkCustom(input.signature);
			const jwt = verifyEvolutionJwt(input);
			return jwt.valid && custom ? checkCustom(headerValue(headers, customName)) : jwt;
		},
		parse(body, options) {
			const events = evolutionInbound.parse(body, options);
			connection = events.length ? undefined : evolutionConnectionState(body);
			return events;
		},
	};
	const secret = jwtKey || (custom ? customValue : undefined);
	return { adapter, secret: secret ?? (incomplete ? customValue || customName : undefined), connection: () => connection };
}
