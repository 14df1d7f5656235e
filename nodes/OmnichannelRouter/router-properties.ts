import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { CHANNEL_OPTIONS } from '../shared/channel-options';

type Shown = NonNullable<IDisplayOptions['show']>;

/** The Router's parameters: routes tried in order, each its own output, then the fallback. */

const PRIORITY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Low', value: 'low' },
	{ name: 'Normal', value: 'normal' },
	{ name: 'High', value: 'high' },
	{ name: 'Urgent', value: 'urgent' },
];

const YES_NO_ANY: INodePropertyOptions[] = [
	{ name: 'Yes', value: 'yes' },
	{ name: 'No', value: 'no' },
	{ name: 'Either', value: 'any' },
];

/** The assignment fields of a route or of the fallback; `prefix` keeps the fallback's names apart. */
function assignmentProperties(prefix: string, show: Shown = {}): INodeProperties[] {
	const name = (field: string) => (prefix ? `${prefix}${field[0].toUpperCase()}${field.slice(1)}` : field);
	const displayOptions = (extra: Shown = {}): Pick<INodeProperties, 'displayOptions'> => (Object.keys({ ...show, ...extra }).length ? { displayOptions: { show: { ...show, ...extra } } } : {});
	return [
		{
			displayName: 'Back to Previous Agent',
			name: name('sticky'),
			type: 'boolean',
			default: false,
			description: 'Whether to give the conversation to the agent who served this customer before (on this channel, else on the last one), when they work in the queue, are online and have room; otherwise the strategy below decides',
			...displayOptions(),
		},
		{
			displayName: 'Assign To',
			name: name('strategy'),
			type: 'options',
			options: [
				{ name: 'Nobody: Wait in Queue', value: 'none', description: 'The conversation waits in the queue until an agent takes it' },
				{ name: 'Round Robin', value: 'roundRobin', description: 'The online agent with room whose turn it is: assigned longest ago' },
				{ name: 'Least Busy', value: 'leastBusy', description: 'The online agent with the most room left' },
				{ name: 'Agent With Skills', value: 'skills', description: 'The least busy agent with every required skill (and the language, if asked)' },
			],
			default: 'none',
			description: 'How an agent of the queue is chosen',
			...displayOptions(),
		},
		{
			displayName: 'Required Skills',
			name: name('requiredSkills'),
			type: 'string',
			default: '',
			placeholder: 'billing, returns',
			description: 'Skills the agent must have, separated by commas, as the agents list them',
			...displayOptions({ [name('strategy')]: ['skills'] }),
		},
		{
			displayName: 'Match Language',
			name: name('matchLanguage'),
			type: 'boolean',
			default: false,
			description: "Whether the agent must speak the customer's language (the customer's language or locale trait)",
			...displayOptions({ [name('strategy')]: ['skills'] }),
		},
		{
			displayName: 'Kind of Work',
			name: name('kind'),
			type: 'options',
			options: [
				{ name: 'By Channel', value: 'byChannel', description: 'Calls for the phone, e-mails for e-mail, chats for everything else' },
				{ name: 'Chat', value: 'chat' },
				{ name: 'Call', value: 'call' },
				{ name: 'E-Mail', value: 'email' },
			],
			default: 'byChannel',
			description: "Whose capacity the conversation uses: each agent takes so many chats, calls and e-mails at once. An expression may name another kind the agents' capacity lists.",
			...displayOptions(),
		},
	];
}

const conditionsProperty: INodeProperties = {
	displayName: 'Conditions',
	name: 'conditions',
	type: 'collection',
	placeholder: 'Add Condition',
	default: {},
	description: 'What must all hold for this route to take the item. A route without conditions takes every item that reaches it.',
	options: [
		{
			displayName: 'Channels',
			name: 'channels',
			type: 'multiOptions',
			options: CHANNEL_OPTIONS,
			default: [],
			description: 'The message came on one of these channels',
		},
		{
			displayName: 'Has Previous Agent',
			name: 'hasPreviousAgent',
			type: 'options',
			options: YES_NO_ANY,
			default: 'yes',
			description: 'Whether an agent of the team served this customer before',
		},
		{
			displayName: 'Keywords (All)',
			name: 'keywordsAll',
			type: 'string',
			default: '',
			placeholder: 'cancel, order',
			description: 'The text has every one of these words or phrases, separated by commas; case and accents do not matter',
		},
		{
			displayName: 'Keywords (Any)',
			name: 'keywordsAny',
			type: 'string',
			default: '',
			placeholder: 'refund, invoice, boleto',
			description: 'The text has at least one of these words or phrases, separated by commas; case and accents do not matter',
		},
		{
			displayName: 'Minutes Since Last Contact Above',
			name: 'minutesSinceLastContactAbove',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1440,
			description: 'The customer last wrote or called more than this many minutes before this message, or never did',
		},
		{
			displayName: 'Minutes Since Last Contact Below',
			name: 'minutesSinceLastContactBelow',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 30,
			description: 'The customer last wrote or called less than this many minutes before this message',
		},
		{
			displayName: 'Tags (Any)',
			name: 'tagsAny',
			type: 'string',
			default: '',
			placeholder: 'complaint, vip',
			description: "The conversation or the customer (a tags trait) has at least one of these tags, separated by commas",
		},
		{
			displayName: 'Text Pattern',
			name: 'pattern',
			type: 'string',
			default: '',
			placeholder: 'order\\s*#?\\d{5,}',
			description: 'A regular expression the text matches, case-insensitive. Patterns that can take forever (a repeated group that itself repeats, back references) are refused.',
		},
		{
			displayName: 'Trait Conditions',
			name: 'traits',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Trait Condition',
			default: {},
			description: "Tests on the customer's traits, such as plan is gold",
			options: [
				{
					name: 'trait',
					displayName: 'Trait',
					values: [
						{
							displayName: 'Trait',
							name: 'trait',
							type: 'string',
							default: '',
							placeholder: 'plan',
							description: 'The trait\'s name; a dot reaches into a nested one, such as "address.city"',
						},
						{
							displayName: 'Test',
							name: 'test',
							type: 'options',
							options: [
								{ name: 'Is Equal To', value: 'equals' },
								{ name: 'Contains', value: 'contains', description: 'A word or phrase of the text, or an entry of a list' },
								{ name: 'Is Set', value: 'exists' },
								{ name: 'Is Not Set', value: 'notExists' },
							],
							default: 'equals',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'gold',
							description: 'Compared as people mean it: case and accents do not matter',
							displayOptions: { show: { test: ['equals', 'contains'] } },
						},
					],
				},
			],
		},
		{
			displayName: 'Within Business Hours',
			name: 'withinBusinessHours',
			type: 'options',
			options: YES_NO_ANY,
			default: 'yes',
			description: "Whether the route's queue is open now by its business hours (a queue without hours is always open)",
		},
	],
};

export const routesProperty: INodeProperties = {
	displayName: 'Routes',
	name: 'routes',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Route',
	default: {},
	description: 'Tried from the top: the first route whose conditions all hold takes the item, to its own output',
	options: [
		{
			name: 'route',
			displayName: 'Route',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'VIP',
					description: "The route's output is labelled with it; each route needs its own",
				},
				{
					displayName: 'Queue',
					name: 'queue',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'Support',
					description: 'The queue the conversation goes to, as the agents and queues of the team name it',
				},
				{
					displayName: 'Priority',
					name: 'priority',
					type: 'options',
					options: PRIORITY_OPTIONS,
					default: 'normal',
				},
				conditionsProperty,
				...assignmentProperties(''),
			],
		},
	],
};

export const fallbackProperties: INodeProperties[] = [
	{
		displayName: 'Fallback Output',
		name: 'fallback',
		type: 'boolean',
		default: true,
		description: 'Whether items no route takes go to a last output, "Fallback", and its queue; otherwise they leave the node nowhere and their conversation gets no queue',
	},
	{
		displayName: 'Fallback Queue',
		name: 'fallbackQueue',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'General',
		description: 'The queue of conversations no route takes',
		displayOptions: { show: { fallback: [true] } },
	},
	{
		displayName: 'Fallback Priority',
		name: 'fallbackPriority',
		type: 'options',
		options: PRIORITY_OPTIONS,
		default: 'normal',
		displayOptions: { show: { fallback: [true] } },
	},
	...assignmentProperties('fallback', { fallback: [true] }).map((property) => ({ ...property, displayName: `Fallback ${property.displayName}` })),
];

export const DEFAULT_BATCH_SIZE = 200;

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_BATCH_SIZE,
			description: "How many items are decided from one look at the team and written in one transaction; an agent's capacity holds across batches and across executions",
		},
	],
};

export const routerProperties: INodeProperties[] = [routesProperty, ...fallbackProperties, optionsProperty];
