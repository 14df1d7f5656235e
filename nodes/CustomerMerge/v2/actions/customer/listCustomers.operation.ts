import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { CustomerOperationError, MAX_AUDIENCE_PAGE, type AudienceMember, type CustomerGraph } from '../../../../../core';
import { forOperation } from '../../../../shared/for-operation';
import { text } from '../../../item-parameters';
import { customerStore } from '../../transport';
import { audienceFiltersProperty, audienceFilterOf } from './audience-filters';

const pageOnly = { show: { returnAll: [false] } };

const properties: INodeProperties[] = [
	{
		displayName:
			'Each customer becomes an item, and n8n keeps every item of a run in memory. For very large audiences (tens of thousands) turn Return All off and page with a Loop: give each round the "nextCursor" of the last item of the previous one, until no item has it.',
		name: 'audienceNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_AUDIENCE_PAGE },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: pageOnly,
	},
	{
		displayName: 'Cursor',
		name: 'cursor',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.nextCursor }}',
		description: 'Where this page starts: the "nextCursor" of the last item of the previous page. Empty: the first page.',
		displayOptions: pageOnly,
	},
	audienceFiltersProperty,
	{
		displayName: 'Options',
		name: 'listOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { returnAll: [true] } },
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_AUDIENCE_PAGE },
				default: 500,
				description: 'How many customers are read from the store at a time',
			},
		],
	},
];

export const description = forOperation('listCustomers', properties, 'customer');

/** One output item per customer, paired with the input item whose filters found them. */
const asItem = (member: AudienceMember, itemIndex: number, nextCursor?: string | null): INodeExecutionData => ({
	json: { ...member, ...(nextCursor === undefined ? {} : { nextCursor }) } as unknown as IDataObject,
	pairedItem: { item: itemIndex },
});

async function listForItem(context: IExecuteFunctions, graph: CustomerGraph, itemIndex: number): Promise<INodeExecutionData[]> {
	const filter = audienceFilterOf(context, itemIndex);
	if (context.getNodeParameter('returnAll', itemIndex, false) !== true) {
		const cursor = text(context, 'cursor', itemIndex) || undefined;
		const page = await graph.listAudience(filter, { limit: context.getNodeParameter('limit', itemIndex, 50) as number, after: cursor });
		return page.customers.map((member) => asItem(member, itemIndex, page.next ?? null));
	}
	const pageSize = Number((context.getNodeParameter('listOptions', itemIndex, {}) as IDataObject).pageSize ?? 500);
	const items: INodeExecutionData[] = [];
	let after: string | undefined;
	do {
		const page = await graph.listAudience(filter, { limit: pageSize, after });
		for (const member of page.customers) items.push(asItem(member, itemIndex));
		after = page.next;
	} while (after);
	return items;
}

/**
 * Lists the customers that match each input item's filters (usually one item: a schedule or
 * a manual start), oldest first. Many output items per input item, so it has its own loop.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const graph = await customerStore.connect(this);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
		try {
			output.push(...(await listForItem(this, graph, itemIndex)));
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
				continue;
			}
			if (error instanceof NodeOperationError) throw error;
			throw new NodeOperationError(this.getNode(), (error as Error).message, {
				itemIndex,
				description: error instanceof CustomerOperationError ? undefined : 'The store could not list the customers.',
			});
		}
	}
	return [output];
}
