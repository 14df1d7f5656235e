/** A form as URLSearchParams; a list value repeats its field (Twilio's MediaUrl, for one). */
export function formBody(form: Record<string, string | string[]>): URLSearchParams {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(form)) for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
	return params;
}
