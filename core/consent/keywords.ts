/**
 * Words a customer writes, as the whole message, to stop marketing messages or to receive them
 * again. Carriers and Twilio act on STOP/START on SMS themselves; on chat channels nobody does,
 * so the store does. Defaults cover English, Portuguese, Spanish and Polish; a node can replace
 * them. Whole-message only: "stop sending me the wrong size" is an ordinary message.
 */
export interface ConsentKeywords {
	optOut: string[];
	optIn: string[];
}

export const DEFAULT_CONSENT_KEYWORDS: ConsentKeywords = {
	optOut: [
		// English (Twilio's and the CTIA's usual words)
		'STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'OPT OUT', 'REVOKE',
		// Portuguese
		'PARAR', 'PARE', 'SAIR', 'CANCELAR', 'DESCADASTRAR', 'DESINSCREVER',
		// Spanish
		'BAJA', 'DETENER', 'DARSE DE BAJA', 'DESUSCRIBIR', 'CANCELAR SUSCRIPCION',
		// Polish
		'WYPISZ', 'REZYGNUJE', 'ANULUJ', 'WYPISZ MNIE',
	],
	optIn: [
		'START', 'UNSTOP', 'SUBSCRIBE',
		'VOLTAR', 'ASSINAR', 'INSCREVER',
		'ALTA', 'SUSCRIBIR', 'REANUDAR',
		'ZAPISZ', 'WZNOW',
	],
};

/**
 * A message as a keyword: letters without accents (so "REZYGNUJĘ" and "rezygnuje" are one
 * word, and "suscripción" matches "SUSCRIPCION"), upper case, single spaces, without the
 * punctuation and emoji around it ("Stop!", "parar.", "🛑 STOP").
 */
export function keywordForm(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/ł/g, 'l')
		.replace(/Ł/g, 'L')
		.toUpperCase()
		.replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '')
		.replace(/\s+/g, ' ');
}

export type KeywordConsent = 'unsubscribed' | 'subscribed';

/** Room for punctuation, emoji and spaces around a keyword ("🛑  Stop!!"): longer messages are not keywords. */
const AROUND_KEYWORD = 12;

/**
 * A function telling whether a whole message asks to stop marketing messages, to receive them
 * again, or neither. Opt-out wins when a word is in both lists.
 */
export function consentKeywordMatcher(keywords: ConsentKeywords = DEFAULT_CONSENT_KEYWORDS): (text: string | undefined) => KeywordConsent | undefined {
	const optOut = new Set(keywords.optOut.map(keywordForm).filter(Boolean));
	const optIn = new Set(keywords.optIn.map(keywordForm).filter(Boolean));
	// Most messages are longer than any keyword: they are not normalized at all.
	const longest = Math.max(0, ...[...optOut, ...optIn].map((word) => word.length)) + AROUND_KEYWORD;
	return (text) => {
		if (!text || text.length > longest) return undefined;
		const word = keywordForm(text);
		if (optOut.has(word)) return 'unsubscribed';
		if (optIn.has(word)) return 'subscribed';
		return undefined;
	};
}
