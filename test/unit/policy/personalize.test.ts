import { messageLanguage, personalize, renderMessage, type CampaignMessage } from '../../../core';

const MESSAGE: CampaignMessage = {
	messageKey: 'black-friday',
	purpose: 'marketing',
	versions: [
		{ language: 'pt', text: 'Olá {{firstName|cliente}}, a Black Friday começou!', subject: '{{name}}, ofertas' },
		{ language: 'es', text: '¡Hola {{firstName|cliente}}! Empieza el Black Friday' },
		{ language: 'pl', text: 'Cześć {{firstName|kliencie}}, Black Friday już trwa' },
		{ language: 'en', text: 'Hi {{firstName|there}}, Black Friday is on' },
	],
	fallbackLanguage: 'en',
	whatsappTemplates: [
		{ language: 'pt', name: 'black_friday', code: 'pt_BR' },
		{ language: 'en', name: 'black_friday', code: 'en_US' },
	],
	templateVariables: ['{{firstName|cliente}}', '{{city}}'],
};

describe('personalized campaign messages', () => {
	it('fills placeholders from traits, with defaults, nested traits and a first name taken from the name', () => {
		expect(personalize('Hi {{name}} from {{address.city}}', { name: 'Ana Souza', address: { city: 'Recife' } })).toEqual({ text: 'Hi Ana Souza from Recife', missing: [] });
		expect(personalize('Hi {{firstName}}', { name: 'Ana Souza' }).text).toBe('Hi Ana');
		expect(personalize('Hi {{ name | friend }}', {}).text).toBe('Hi friend');
		expect(personalize('Code {{code}}', {})).toEqual({ text: 'Code ', missing: ['code'] });
	});

	it('writes in the customer’s language among pt, es, pl and en, else the fallback language', () => {
		expect(messageLanguage({ language: 'pt-BR' }, ['pt', 'es', 'pl', 'en'], 'en')).toBe('pt');
		expect(messageLanguage({ locale: 'pl_PL' }, ['pt', 'es', 'pl', 'en'], 'en')).toBe('pl');
		expect(messageLanguage({ language: 'de' }, ['pt', 'es', 'pl', 'en'], 'en')).toBe('en');
		expect(renderMessage(MESSAGE, { channel: 'sms', form: 'text' }, { name: 'Łucja Nowak', language: 'pl' })).toEqual({ language: 'pl', text: 'Cześć Łucja, Black Friday już trwa' });
		expect(renderMessage(MESSAGE, { channel: 'sms', form: 'text' }, { language: 'de' })).toEqual({ language: 'en', text: 'Hi there, Black Friday is on' });
	});

	it('gives e-mail its subject and WhatsApp outside its window the template of the customer’s language', () => {
		expect(renderMessage(MESSAGE, { channel: 'email', form: 'text' }, { name: 'Ana Souza', language: 'pt' })).toMatchObject({ subject: 'Ana Souza, ofertas' });
		expect(renderMessage(MESSAGE, { channel: 'whatsapp', form: 'template' }, { name: 'Ana Souza', language: 'pt', city: 'Recife' })).toEqual({
			language: 'pt',
			text: 'Olá Ana, a Black Friday começou!',
			template: { name: 'black_friday', language: 'pt_BR', variables: ['Ana', 'Recife'] },
		});
		// Spanish has no template: the fallback language's, and the missing city is said.
		expect(renderMessage(MESSAGE, { channel: 'whatsapp', form: 'template' }, { language: 'es' })).toMatchObject({
			template: { language: 'en_US', variables: ['cliente', ''] },
			missingTraits: ['city'],
		});
	});
});
