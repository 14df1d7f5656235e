import type { OutboundRoute } from '../channels/outbound-types';
import type { Channel, Traits } from '../model';
import type { ChannelCandidate } from './channel-choice';
import type { ConsentRules, MessagePurpose } from './consent-check';
import type { FrequencyCap } from './frequency-cap';
import { messageLanguage, personalize } from './personalize';
import type { QuietHours } from './quiet-hours';

/** A message a marketer sends: its key, its purpose, its words in each language and its WhatsApp templates. */
export interface CampaignMessage {
	/** Names the message on every channel it tries: sent at most once per channel, counted once under the caps. */
	messageKey: string;
	purpose: MessagePurpose;
	/** The text (and e-mail subject) per language, with placeholders from the customer's traits. */
	versions: { language: string; text: string; subject?: string }[];
	/** The language of customers who speak none of the versions'. */
	fallbackLanguage: string;
	/** WhatsApp templates per language: its name and WhatsApp's language code (pt_BR, en_US…). */
	whatsappTemplates: { language: string; name: string; code: string }[];
	/** What fills the template's {{1}}, {{2}}…: placeholders such as "{{name}}". */
	templateVariables: string[];
}

/** How the marketer wants the customer treated: channels, caps, quiet hours and consent. */
export interface EngagementRules {
	/** The channels to use, cheapest or preferred first. */
	preference: Channel[];
	routes?: Partial<Record<Channel, OutboundRoute>>;
	caps: FrequencyCap[];
	quietHours?: QuietHours;
	/** Quiet hours hold transactional messages too (by default they go at once). */
	quietHoursForTransactional?: boolean;
	/** IANA zone of customers with neither a timeZone trait nor a phone number. */
	defaultTimeZone: string;
	consent: ConsentRules;
	humanAgentTag?: boolean;
}

/** A message, as the store keeps it with each send so that a fallback sends the same message on the next channel. */
export interface EngagementRequest {
	message: CampaignMessage;
	rules: EngagementRules;
}

/** What goes out on the chosen channel, as its sender takes it. */
export interface RenderedMessage {
	language: string;
	text: string;
	subject?: string;
	template?: { name: string; language: string; variables: string[] };
	tag?: 'HUMAN_AGENT';
	/** Placeholders the customer had no trait for (and no default), left empty. */
	missingTraits?: string[];
}

const languagesOf = (message: CampaignMessage) => message.versions.map((version) => version.language);

/** The template for the customer's language, else the fallback language's. */
export function whatsappTemplateFor(message: CampaignMessage, traits: Traits) {
	const language = messageLanguage(traits, message.whatsappTemplates.map((template) => template.language), message.fallbackLanguage);
	return message.whatsappTemplates.find((template) => template.language === language);
}

/** The message in the customer's language with their traits filled in, in the form the channel takes. */
export function renderMessage(message: CampaignMessage, candidate: Pick<ChannelCandidate, 'channel' | 'form'>, traits: Traits): RenderedMessage {
	const language = messageLanguage(traits, languagesOf(message), message.fallbackLanguage);
	const version = message.versions.find((entry) => entry.language === language) ?? message.versions.find((entry) => entry.language === message.fallbackLanguage) ?? message.versions[0];
	const missing: string[] = [];
	const fill = (text: string) => {
		const result = personalize(text, traits);
		missing.push(...result.missing);
		return result.text;
	};
	const rendered: RenderedMessage = { language: version?.language ?? language, text: fill(version?.text ?? '') };
	if (candidate.channel === 'email' && version?.subject) rendered.subject = fill(version.subject);
	if (candidate.form === 'template') {
		const template = whatsappTemplateFor(message, traits);
		if (template) rendered.template = { name: template.name, language: template.code || template.language, variables: message.templateVariables.map(fill) };
	}
	if (candidate.form === 'tagged') rendered.tag = 'HUMAN_AGENT';
	if (missing.length) rendered.missingTraits = [...new Set(missing)];
	return rendered;
}
