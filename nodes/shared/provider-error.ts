import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { ProviderError } from '../../core/channels/provider-error';

/** A provider's refusal as n8n shows it: the provider's code and message, and what to do. */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (!(error instanceof ProviderError)) return new NodeOperationError(node, error as Error, { itemIndex });
	const { status, code, hint, body } = error.details;
	return new NodeApiError(node, (body ?? { message: error.message }) as JsonObject, {
		message: code === undefined ? error.message : `${error.message} (${error.provider} error ${code})`,
		description: hint,
		httpCode: status === undefined ? undefined : String(status),
		itemIndex,
	});
}
