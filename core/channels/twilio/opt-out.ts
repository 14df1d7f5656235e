/** What an opt-out keyword asks for. */
export type OptOutIntent = 'optout' | 'optin' | 'help';

/**
 * Twilio's default keywords for long codes and toll-free numbers
 * (https://help.twilio.com/articles/223134027): Twilio acts on them only when the keyword
 * is the whole message, whatever its case and surrounding whitespace ("STOP please" is an
 * ordinary message).
 */
const KEYWORDS: Record<string, OptOutIntent> = {
	STOP: 'optout',
	STOPALL: 'optout',
	UNSUBSCRIBE: 'optout',
	CANCEL: 'optout',
	END: 'optout',
	QUIT: 'optout',
	REVOKE: 'optout',
	OPTOUT: 'optout',
	START: 'optin',
	YES: 'optin',
	UNSTOP: 'optin',
	HELP: 'help',
	INFO: 'help',
};

/** The `OptOutType` values that Advanced Opt-Out sends when a (possibly custom) keyword matched. */
const OPT_OUT_TYPES: Record<string, OptOutIntent> = { STOP: 'optout', START: 'optin', HELP: 'help' };

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
