import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { CrmCustomer, CrmUpsert } from '../../../../core/crm';
import { forOperation } from '../../for-operation';
import { customerProperties } from '../common.descriptions';
import { linkContact, type CrmConnection } from '../crm-connection';
import { customerOf } from '../crm-customer';
import type { CrmNodeDefinition } from '../crm-definition';
import { outputOf, withCrmResult, type ItemOutcome } from '../crm-items';
import { crmNodeError } from '../crm-node-error';

export const description = (definition: CrmNodeDefinition): INodeProperties[] =>
	forOperation('upsertContact', [
		...customerProperties(definition),
		{
			displayName: 'Contact Fields',
			name: 'fields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Field',
			default: {},
			description: `${definition.crmName} properties to set besides the name and phone, such as a trait of the customer: map a value from the item`,
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{
							displayName: 'Property Name or ID',
							name: 'property',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getContactProperties' },
							default: '',
							description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. {{ $json.customer.traits.plan }}' },
					],
				},
			],
		},
	]);

/** The mapped properties of one item; an empty value is left out rather than erasing what the CRM has. */
function mappedProperties(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const rows = context.getNodeParameter('fields.field', itemIndex, []) as Array<{ property: string; value: unknown }>;
	return Object.fromEntries(rows.filter((row) => String(row.property ?? '').trim() && row.value !== '' && row.value !== undefined && row.value !== null).map((row) => [row.property.trim(), row.value]));
}

/**
 * Creates or updates the contact of every item in as few calls as the CRM allows (HubSpot: 100
 * per batch): the whole input at once, not item by item. Output: the contact, `created`.
 */
export async function executeAll(context: IExecuteFunctions, connection: CrmConnection): Promise<INodeExecutionData[][]> {
	const { definition, adapter } = connection;
	const outcomes: ItemOutcome[] = [];
	const inputs: Array<{ itemIndex: number; input: CrmUpsert }> = [];
	for (let itemIndex = 0; itemIndex < context.getInputData().length; itemIndex++) {
		try {
			const customer: CrmCustomer = customerOf(context, itemIndex, definition.crm, definition.crmName);
			inputs.push({ itemIndex, input: { customer, properties: mappedProperties(context, itemIndex) } });
			outcomes.push({ json: {} });
		} catch (error) {
			// Stopped before anything is sent, unless the node continues on fail.
			if (!context.continueOnFail()) throw crmNodeError(context.getNode(), error, itemIndex);
			outcomes.push({ error });
		}
	}
	const results = inputs.length ? await adapter.upsertContacts(inputs.map(({ input }) => input)) : [];
	for (const [n, { itemIndex, input }] of inputs.entries()) {
		const result = results[n];
		if (!result.ok) {
			outcomes[itemIndex] = { error: result.error };
			continue;
		}
		const warning = await linkContact(connection, input.customer, result.contact.id);
		const json: IDataObject = withCrmResult(context, itemIndex, definition.crm, { contactId: result.contact.id, contact: result.contact, created: result.created, warning });
		outcomes[itemIndex] = { json };
	}
	return outputOf(context, outcomes);
}
