/**
 * A webhook body that is not what its provider sends, said in our own words and starting
 * with the provider's name: "Telegram: message.text must be a string". Triggers answer it
 * with 400, the CLI prints it; anything else a parser throws is a bug of ours.
 */
export class PayloadError extends Error {
	constructor(
		readonly provider: string,
		problem: string,
	) {
		super(`${provider}: ${problem}`);
		this.name = 'PayloadError';
	}
}
