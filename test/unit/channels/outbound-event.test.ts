import { attributed, outboundEvent } from '../../../core/channels/outbound-event';
import { whatsAppTemplateCategory } from '../../../core/channels/whatsapp/template-category';

const sent = (type?: 'message' | 'action' | 'status') =>
	outboundEvent({ channel: 'whatsapp', provider: 'meta', externalId: 'wamid.X', account: '106540000000001', identities: [{ kind: 'phone', value: '+15555550123' }], ...(type ? { type } : {}) });

describe('outbound events', () => {
	it('are keyed with our account, and by default written by an automation, answering the customer', () => {
		expect(sent()).toMatchObject({ id: 'whatsapp:106540000000001:wamid.X', account: '106540000000001', direction: 'outbound', author: { type: 'automation' }, category: 'service' });
	});

	it('give an action an author but no category, and a status, which the provider reports, neither', () => {
		expect(sent('action')).toMatchObject({ author: { type: 'automation' } });
		expect(sent('action')).not.toHaveProperty('category');
		expect(sent('status')).not.toHaveProperty('author');
		expect(sent('status')).not.toHaveProperty('category');
	});

	it('take the author and category their caller knows', () => {
		expect(outboundEvent({ channel: 'sms', provider: 'twilio', externalId: 'SM1', account: '+15550001234', author: { type: 'bot', id: 'faq' }, category: 'transactional' })).toMatchObject({
			author: { type: 'bot', id: 'faq' },
			category: 'transactional',
		});
		expect(attributed(sent(), { author: { type: 'agent', id: 'ana', name: 'Ana' }, category: 'marketing' })).toMatchObject({
			author: { type: 'agent', id: 'ana', name: 'Ana' },
			category: 'marketing',
		});
		const event = sent();
		expect(attributed(event, {})).toEqual(event);
		expect(attributed(sent('status'), { author: { type: 'agent' }, category: 'marketing' })).not.toHaveProperty('author');
		expect(attributed(sent('action'), { category: 'marketing' })).not.toHaveProperty('category');
	});
});

describe('WhatsApp template categories', () => {
	it('map onto message categories; an unknown one is taken for marketing, the strictest', () => {
		expect(['MARKETING', 'utility', 'AUTHENTICATION', undefined, 'SERVICE'].map(whatsAppTemplateCategory)).toEqual(['marketing', 'transactional', 'authentication', 'marketing', 'marketing']);
	});
});
