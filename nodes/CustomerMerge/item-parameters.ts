import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { CustomerGraph, RawIdentity, Traits } from '../../core';

/** What the customer operations of both versions read from their parameters, item by item. */

export const text = (context: IExecuteFunctions, name: string, itemIndex: number) => String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();

/** The identifier the Identifier parameters give. */
export function identifierOf(context: IExecuteFunctions, itemIndex: number): { identifier: RawIdentity; defaultCountry?: string } {
	return {
		identifier: { kind: text(context, 'identifierKind', itemIndex), value: text(context, 'identifierValue', itemIndex) },
		defaultCountry: text(context, 'defaultCountry', itemIndex) || undefined,
	};
}

/** The traits to set, and those to remove (set to null). */
export function traitsOf(context: IExecuteFunctions, itemIndex: number): Traits {
	const rows = context.getNodeParameter('traits.trait', itemIndex, []) as { name: string; value: unknown }[];
	const traits: Traits = Object.fromEntries(rows.filter((row) => row.name?.trim()).map((row) => [row.name.trim(), row.value]));
	for (const name of text(context, 'removeTraits', itemIndex).split(',')) if (name.trim()) traits[name.trim()] = null;
	return traits;
}

/** The customer 360 as an output field. */
export async function customerJson(graph: CustomerGraph, id: string, historyLimit = 10): Promise<IDataObject> {
	return ((await graph.getCustomer(id, historyLimit)) ?? null) as unknown as IDataObject;
}
