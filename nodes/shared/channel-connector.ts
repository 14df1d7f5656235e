import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

/** A connection that holds something to let go of after the run (an SMTP transport). */
export type OpenConnection<Connection> = Connection & { close?(): void };

/**
 * How a route's credential becomes what its senders take (see core/channels/outbound-types):
 * written once per route, in its node's transport, and used by that node, its list searches
 * and the Reply node alike.
 */
export interface ChannelConnector<Connection> {
	/** The credential type. */
	credential: string;
	/** The credential's name as the editor shows it. */
	label: string;
	connect(context: IExecuteFunctions | ILoadOptionsFunctions): Promise<OpenConnection<Connection>>;
}
