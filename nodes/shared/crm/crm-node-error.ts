import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { CustomerOperationError } from '../../../core';
import { CrmError } from '../../../core/crm';

/** A CRM's refusal as n8n shows it: what happened, the CRM's status and category, and what to do. */
export function crmNodeError(node: INode, error: unknown, itemIndex?: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof CrmError) {
		const { status, code, hint, body } = error.details;
		return new NodeApiError(node, (body ?? { message: error.message }) as JsonObject, {
			message: error.message,
			description: hint ?? (code ? `${error.crm} error ${code}` : undefined),
			httpCode: status === undefined ? undefined : String(status),
			itemIndex,
		});
	}
	if (error instanceof CustomerOperationError) return new NodeOperationError(node, error.message, { itemIndex });
	return new NodeOperationError(node, error as Error, { itemIndex });
}
