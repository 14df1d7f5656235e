import type { CrmActivity } from '../types';

/** HubSpot's association type ids from an engagement to a contact (HUBSPOT_DEFINED). */
const COMMUNICATION_TO_CONTACT = 81;
const NOTE_TO_CONTACT = 202;

/** The channels HubSpot logs as communications (hs_communication_channel_type); the rest as notes. */
const COMMUNICATION_CHANNELS: Partial<Record<CrmActivity['channel'], string>> = { whatsapp: 'WHATS_APP', sms: 'SMS' };

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A note's body is HTML: the subject in bold, then the text line by line. */
function noteBody(activity: CrmActivity): string {
	const lines = activity.body.split('\n').map(escapeHtml).join('<br>');
	return `<p><strong>${escapeHtml(activity.subject)}</strong></p><p>${lines}</p>`;
}

const associationTo = (contactId: string, typeId: number) => [{ to: { id: contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }] }];

/** The engagement to create for an activity: a WhatsApp or SMS communication, or a note. */
export function engagementRequest(activity: CrmActivity): { path: string; objectType: string; json: object } {
	const channelType = COMMUNICATION_CHANNELS[activity.channel];
	const timestamp = new Date(activity.timestamp).toISOString();
	if (channelType) {
		return {
			path: '/crm/v3/objects/communications',
			objectType: 'communication',
			json: {
				properties: { hs_communication_channel_type: channelType, hs_communication_logged_from: 'CRM', hs_communication_body: activity.body, hs_timestamp: timestamp },
				associations: associationTo(activity.contactId, COMMUNICATION_TO_CONTACT),
			},
		};
	}
	return {
		path: '/crm/v3/objects/notes',
		objectType: 'note',
		json: { properties: { hs_timestamp: timestamp, hs_note_body: noteBody(activity) }, associations: associationTo(activity.contactId, NOTE_TO_CONTACT) },
	};
}
