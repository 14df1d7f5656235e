import type { Traits } from '../model';

/** The languages campaigns are written in; any other falls back to the message's fallback language. */
export const CAMPAIGN_LANGUAGES = ['pt', 'es', 'pl', 'en'] as const;

/** Traits a customer's language may be kept under, as channels, CRMs and imports name it. */
const LANGUAGE_TRAITS = ['language', 'locale', 'lang'];

/** "pt-BR", "pt_BR", "PT" → "pt": the language, without its region. */
export const primaryLanguage = (tag: unknown) => (typeof tag === 'string' ? (tag.trim().toLowerCase().split(/[-_]/)[0] ?? '') : '');

/**
 * The language to write to the customer in: theirs when the message has a version in it, else
 * the fallback language.
 */
export function messageLanguage(traits: Traits, available: string[], fallback: string): string {
	for (const name of LANGUAGE_TRAITS) {
		const language = primaryLanguage(traits[name]);
		if (language && available.includes(language)) return language;
	}
	return fallback;
}

const PLACEHOLDER = /\{\{\s*([\p{L}\p{N}_.]+)\s*(?:\|([^}]*))?\}\}/gu;

/** A trait's value, following dots into objects ("address.city"). */
function traitValue(traits: Traits, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), traits);
}

/**
 * A message with the customer's traits in its placeholders: "Olá {{name}}", "{{name|cliente}}"
 * (what to write when the trait is missing), "{{firstName}}" (the first word of `name` when
 * there is no such trait). `missing` names the placeholders that had neither value nor default.
 */
export function personalize(template: string, traits: Traits): { text: string; missing: string[] } {
	const missing: string[] = [];
	const text = template.replace(PLACEHOLDER, (_whole, name: string, fallback: string | undefined) => {
		let value = traitValue(traits, name);
		if ((value === undefined || value === null || value === '') && name === 'firstName' && typeof traits.name === 'string') value = traits.name.trim().split(/\s+/)[0];
		if (value !== undefined && value !== null && value !== '' && typeof value !== 'object') return String(value);
		if (fallback !== undefined) return fallback.trim();
		missing.push(name);
		return '';
	});
	return { text, missing: [...new Set(missing)] };
}
