/** What an opt-out keyword asks for: to stop every message, to receive them again, or help (which is not consent). */
export type OptOutIntent = 'unsubscribe' | 'subscribe' | 'help';

/**
 * Twilio's default keywords for long codes and toll-free numbers
 * (https://help.twilio.com/articles/223134027): Twilio acts on them only when the keyword
 * is the whole message, whatever its case and surrounding whitespace ("STOP please" is an
 * ordinary message).
 */
const KEYWORDS: Record<string, OptOutIntent> = {
	STOP: 'unsubscribe',
	STOPALL: 'unsubscribe',
	UNSUBSCRIBE: 'unsubscribe',
	CANCEL: 'unsubscribe',
	END: 'unsubscribe',
	QUIT: 'unsubscribe',
	REVOKE: 'unsubscribe',
	OPTOUT: 'unsubscribe',
	START: 'subscribe',
	YES: 'subscribe',
	UNSTOP: 'subscribe',
	HELP: 'help',
	INFO: 'help',
};

/** The `OptOutType` values that Advanced Opt-Out sends when a (possibly custom) keyword matched. */
const OPT_OUT_TYPES: Record<string, OptOutIntent> = { STOP: 'unsubscribe', START: 'subscribe', HELP: 'help' };

export interface OptOutMatch {
	intent: OptOutIntent;
	/** The keyword as the customer wrote it, upper-cased (or the OptOutType when only that is known). */
	keyword: string;
}

/**
 * Recognizes an opt-out, opt-in or help request. Advanced Opt-Out's `OptOutType` wins,
 * since it covers the custom and localized keywords configured in the Messaging Service;
 * otherwise the body is matched against the default keywords.
 */
export function matchOptOut(body: string | undefined, optOutType: string | undefined): OptOutMatch | undefined {
	const keyword = (body ?? '').trim().toUpperCase();
	const type = (optOutType ?? '').trim().toUpperCase();
	if (OPT_OUT_TYPES[type]) return { intent: OPT_OUT_TYPES[type], keyword: keyword || type };
	const intent = KEYWORDS[keyword];
	return intent ? { intent, keyword } : undefined;
}
