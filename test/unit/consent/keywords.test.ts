import { consentKeywordMatcher, DEFAULT_CONSENT_KEYWORDS, keywordForm } from '../../../core';

describe('consent keywords', () => {
	const match = consentKeywordMatcher();

	it.each([
		['STOP', 'unsubscribed'],
		['stop', 'unsubscribed'],
		['Parar.', 'unsubscribed'],
		['  sair  ', 'unsubscribed'],
		['¡Baja!', 'unsubscribed'],
		['🛑 Rezygnuję', 'unsubscribed'],
		['Wypisz   mnie', 'unsubscribed'],
		['Cancelar suscripción', 'unsubscribed'],
		['START', 'subscribed'],
		['voltar', 'subscribed'],
		['Alta', 'subscribed'],
		['wznów', 'subscribed'],
	])('%j is %s', (text, state) => {
		expect(match(text)).toBe(state);
	});

	it.each(['stop sending me the wrong size', 'yes', 'ok', '', 'Quero parar de receber promoções, obrigado pela atenção de sempre'])('%j is no consent change', (text) => {
		expect(match(text)).toBeUndefined();
	});

	it('covers English, Portuguese, Spanish and Polish by default', () => {
		for (const word of ['STOP', 'PARAR', 'SAIR', 'CANCELAR', 'BAJA', 'WYPISZ']) expect(DEFAULT_CONSENT_KEYWORDS.optOut).toContain(word);
		for (const word of ['START', 'VOLTAR', 'ALTA']) expect(DEFAULT_CONSENT_KEYWORDS.optIn).toContain(word);
	});

	it('compares words without accents, case, punctuation or extra spaces', () => {
		expect(keywordForm(' Rezygnuję! ')).toBe('REZYGNUJE');
		expect(keywordForm('Wznów')).toBe('WZNOW');
	});

	it('replaces the defaults with the words it is given, opt-out first', () => {
		const custom = consentKeywordMatcher({ optOut: ['chega'], optIn: ['chega', 'volta'] });
		expect(custom('Chega!')).toBe('unsubscribed');
		expect(custom('STOP')).toBeUndefined();
	});
});
