import type { MessageCategory } from '../../model';

/**
 * Meta's template categories (https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates)
 * as the category of the message that sends the template. Utility templates (order and
 * account updates) are transactional. Outside the customer-service window only a template
 * can be sent, so a template of no known category is taken for marketing, the strictest.
 */
const TEMPLATE_CATEGORIES: Record<string, MessageCategory> = {
	MARKETING: 'marketing',
	UTILITY: 'transactional',
	AUTHENTICATION: 'authentication',
};

export function whatsAppTemplateCategory(category: string | undefined): MessageCategory {
	return TEMPLATE_CATEGORIES[(category ?? '').trim().toUpperCase()] ?? 'marketing';
}
