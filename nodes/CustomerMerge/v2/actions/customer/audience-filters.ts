import { commaList } from '../../../../shared/comma-list';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { AudienceFilter, Channel, ConsentCondition } from '../../../../../core';
import { CHANNEL_OPTIONS } from '../../../../shared/channel-options';
import { CONSENT_PURPOSE_OPTIONS } from './consent-properties';

/** The filters of List Customers, and how an item's parameters become an AudienceFilter. */

const DAY_MS = 24 * 60 * 60 * 1000;

export const audienceFiltersProperty: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description: 'Customers match when every filter added holds',
	options: [
		{
			displayName: 'Consent',
			name: 'consent',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Consent Condition',
			description: "The customer's consent now: the latest change for the channel and purpose (a change for all messages on the channel counts too)",
			options: [
				{
					displayName: 'Condition',
					name: 'condition',
					values: [
						{ displayName: 'Channel', name: 'channel', type: 'options', options: CHANNEL_OPTIONS, default: 'whatsapp' },
						{ displayName: 'Purpose', name: 'purpose', type: 'options', options: CONSENT_PURPOSE_OPTIONS.filter((option) => option.value !== 'all'), default: 'marketing' },
						{
							displayName: 'Rule',
							name: 'rule',
							type: 'options',
							options: [
								{ name: 'Subscribed', value: 'subscribed', description: 'The customer agreed (opt-in): their latest change says subscribed' },
								{ name: 'Not Unsubscribed', value: 'notUnsubscribed', description: 'The customer never asked to stop (opt-out): no change, or the latest says subscribed' },
							],
							default: 'subscribed',
						},
					],
				},
			],
		},
		{
			displayName: 'Last Contact',
			name: 'lastContact',
			type: 'options',
			options: [
				{ name: 'After', value: 'after', description: 'Last contact on or after a date' },
				{ name: 'Before', value: 'before', description: 'Last contact before a date (not contacted since)' },
				{ name: 'Within the Last Days', value: 'within', description: 'Last contact in the last N days' },
			],
			default: 'within',
			description: 'The latest message in the customer’s history, on any channel; customers never contacted match none',
		},
		{ displayName: 'Last Contact Date', name: 'lastContactDate', type: 'dateTime', default: '', description: 'For Last Contact After or Before' },
		{ displayName: 'Last Contact Days', name: 'lastContactDays', type: 'number', typeOptions: { minValue: 0 }, default: 30, description: 'For Last Contact Within the Last Days' },
		{
			displayName: 'Last Contact Direction',
			name: 'lastContactDirection',
			type: 'options',
			options: [
				{ name: 'Either', value: 'any' },
				{ name: 'From the Customer', value: 'inbound' },
				{ name: 'To the Customer', value: 'outbound' },
			],
			default: 'any',
			description: 'Which messages count as contact',
		},
		{ displayName: 'Seen on Channels', name: 'channels', type: 'multiOptions', options: CHANNEL_OPTIONS, default: [], description: 'Customers with a message on at least one of these channels' },
		{
			displayName: 'Tag Match',
			name: 'tagMatch',
			type: 'options',
			options: [
				{ name: 'All Tags', value: 'all' },
				{ name: 'Any Tag', value: 'any' },
			],
			default: 'all',
		},
		{ displayName: 'Tags', name: 'tags', type: 'string', default: '', placeholder: 'e.g. vip, newsletter', description: 'Comma-separated tags, from the customer’s "tags" trait (a list, or text separated by commas), ignoring case' },
		{
			displayName: 'Traits',
			name: 'traits',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Trait Condition',
			options: [
				{
					displayName: 'Condition',
					name: 'condition',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. plan' },
						{
							displayName: 'Check',
							name: 'check',
							type: 'options',
							options: [
								{ name: 'Equals', value: 'equals' },
								{ name: 'Is Set', value: 'exists' },
							],
							default: 'equals',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. gold', displayOptions: { show: { check: ['equals'] } } },
					],
				},
			],
		},
	],
};

interface Rows<T> {
	condition?: T[];
}

/** The filter one item's parameters describe; `now` fixes "within the last days". */
export function audienceFilterOf(context: IExecuteFunctions, itemIndex: number, now = Date.now()): AudienceFilter {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const traits = ((filters.traits as Rows<{ name?: string; check?: string; value?: unknown }>)?.condition ?? []).filter((row) => String(row.name ?? '').trim());
	const consent = ((filters.consent as Rows<ConsentCondition>)?.condition ?? []).map(({ channel, purpose, rule }) => ({ channel, purpose, rule }));
	const tags = commaList(filters.tags);
	const filter: AudienceFilter = {
		traitEquals: traits.filter((row) => row.check !== 'exists').map((row) => ({ name: String(row.name).trim(), value: String(row.value ?? '') })),
		traitExists: traits.filter((row) => row.check === 'exists').map((row) => String(row.name).trim()),
		...(tags.length ? { tags: { values: tags, match: filters.tagMatch === 'any' ? 'any' : 'all' } } : {}),
		channels: (filters.channels as Channel[] | undefined) ?? [],
		consent,
	};
	const direction = filters.lastContactDirection === 'inbound' || filters.lastContactDirection === 'outbound' ? filters.lastContactDirection : undefined;
	if (filters.lastContact === 'within' || (filters.lastContact === undefined && filters.lastContactDays !== undefined)) {
		const days = Number(filters.lastContactDays ?? 30);
		if (!Number.isFinite(days) || days < 0) throw new NodeOperationError(context.getNode(), `Last Contact Days must be a number of days, not "${filters.lastContactDays}"`, { itemIndex });
		filter.lastContact = { after: new Date(now - days * DAY_MS).toISOString(), direction };
	} else if (filters.lastContact === 'after' || filters.lastContact === 'before') {
		const date = String(filters.lastContactDate ?? '').trim();
		if (!date) throw new NodeOperationError(context.getNode(), `Last Contact ${filters.lastContact === 'after' ? 'After' : 'Before'} needs a Last Contact Date`, { itemIndex });
		filter.lastContact = { [filters.lastContact]: date, direction };
	} else if (direction) {
		throw new NodeOperationError(context.getNode(), 'Last Contact Direction needs a Last Contact filter (After, Before or Within the Last Days)', { itemIndex });
	}
	return filter;
}
