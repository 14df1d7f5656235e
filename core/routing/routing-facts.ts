import type { Channel, Traits } from '../model';
import type { Moment } from './moment';

/** Who served the customer before, on one channel. */
export interface PreviousAgent {
	agentId: string;
	channel: Channel | string;
	/** When they last served the customer there. */
	servedAt: Moment;
}

/** What the router knows of the item it decides for. */
export interface RoutingFacts {
	channel: Channel | string;
	traits?: Traits;
	text?: string;
	tags?: string[];
	/** The customer's language, such as "pt-BR". */
	language?: string;
	/** The agents who served the customer, per channel. */
	previousAgents?: PreviousAgent[];
	/** The customer's last contact before this one; absent: never in contact. */
	lastContactAt?: Moment;
}
