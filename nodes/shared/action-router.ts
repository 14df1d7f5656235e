import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { ChannelConnector } from './channel-connector';
import { sendEachItem } from './send-items';

/** One operation of an action node: its parameters, and what it does for one item. */
export interface ActionOperation<Connection> {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, connection: Connection): Promise<object>;
}

/** A node's operations by resource, then by operation name. */
export type ActionResources<Connection> = Record<string, Record<string, ActionOperation<Connection>>>;

/** How a node turns one call per item into its output; sendEachItem unless the node's items fail differently. */
export type ItemLoop = (context: IExecuteFunctions, run: (itemIndex: number) => Promise<object>) => Promise<INodeExecutionData[][]>;

/** Nodes with a single resource show no Resource parameter; their operations are on messages. */
const DEFAULT_RESOURCE = 'message';

/**
 * The one dispatch of every action node: the resource and operation of the node, one
 * connection from the credential for the whole run, and one call per item, whose result
 * (the canonical outbound event) is the output item (see sendEachItem, or the node's own `eachItem`).
 */
export async function routeActions<Connection>(
	context: IExecuteFunctions,
	resources: ActionResources<Connection>,
	connector: ChannelConnector<Connection>,
	eachItem: ItemLoop = sendEachItem,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0, DEFAULT_RESOURCE) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const action = Object.hasOwn(resources, resource) && Object.hasOwn(resources[resource], operation) ? resources[resource][operation] : undefined;
	if (!action) throw new NodeOperationError(context.getNode(), `Unknown operation "${operation}"`);
	const connection = await connector.connect(context);
	try {
		return await eachItem(context, async (itemIndex) => await action.execute.call(context, itemIndex, connection));
	} finally {
		connection.close?.();
	}
}
