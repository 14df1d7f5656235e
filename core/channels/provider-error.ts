/** A provider refused a send; the hint tells a non-programmer what to do about it. */
export class ProviderError extends Error {
	constructor(
		readonly provider: string,
		message: string,
		readonly details: {
			status?: number;
			/** The provider's own error code (Meta 131047, Twilio 21211…). */
			code?: string | number;
			hint?: string;
			/** The provider's error body, without credentials. */
			body?: unknown;
		} = {},
	) {
		super(message);
		this.name = 'ProviderError';
	}
}
