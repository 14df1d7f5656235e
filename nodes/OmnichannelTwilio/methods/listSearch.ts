import { listTwilioMessagingServices, listTwilioPhoneNumbers } from '../../../core/channels/twilio/account-senders';
import { listSearch, matchesFilter, searchResult } from '../../shared/list-search';
import { twilioConnector } from '../transport';

const CAPABILITY: Record<string, string> = { sms: 'SMS', mms: 'MMS', voice: 'Voice', fax: 'Fax' };

/** The account's phone numbers, with what each can do; Twilio's next-page address is the cursor. */
export const searchPhoneNumbers = listSearch(async (context, filter, paginationToken) => {
	const { http, config } = await twilioConnector.connect(context);
	const page = await listTwilioPhoneNumbers(http, config, paginationToken);
	const results = page.items
		.filter((number) => matchesFilter(filter, number.phoneNumber, number.friendlyName))
		.map((number) => ({
			name: number.friendlyName && number.friendlyName !== number.phoneNumber ? `${number.phoneNumber} (${number.friendlyName})` : number.phoneNumber,
			value: number.phoneNumber,
			description: number.capabilities.map((capability) => CAPABILITY[capability] ?? capability).join(', '),
		}));
	return searchResult(results, page.next);
});

/** The account's Messaging Services. */
export const searchMessagingServices = listSearch(async (context, filter, paginationToken) => {
	const { http, config } = await twilioConnector.connect(context);
	const page = await listTwilioMessagingServices(http, config, paginationToken);
	const results = page.items
		.filter((service) => matchesFilter(filter, service.friendlyName, service.sid))
		.map((service) => ({
			name: service.friendlyName ?? service.sid,
			value: service.sid,
			description: service.sid,
			url: `https://console.twilio.com/us1/service/sms/${service.sid}/sms-service-instance-configure`,
		}));
	return searchResult(results, page.next);
});
