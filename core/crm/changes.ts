import type { CrmKind } from './types';

/** What every change says of where it comes from. */
interface ChangeOrigin {
	crm: CrmKind;
	/**
	 * Stable for one change as the CRM sends it, the same when it sends it again: the trigger
	 * remembers it to start one execution per change, whatever the redeliveries.
	 */
	deliveryId: string;
	/** ISO 8601, when the CRM says when it happened. */
	occurredAt?: string;
}

/** A record's e-mails or phones changed: the new values, as the CRM stores them (not normalized yet). */
export interface CrmIdentifiersChanged extends ChangeOrigin {
	type: 'identifiers-changed';
	recordId: string;
	emails: string[];
	phones: string[];
}

/** Records merged in the CRM: `mergedRecordIds` went into `recordId`, which survives. */
export interface CrmRecordsMerged extends ChangeOrigin {
	type: 'merged';
	recordId: string;
	mergedRecordIds: string[];
	/** When the merge gave the surviving record another id (HubSpot's newObjectId). */
	newRecordId?: string;
}

/** A record deleted; `privacy` when deleted for the right to erasure (HubSpot's GDPR deletion). */
export interface CrmRecordDeleted extends ChangeOrigin {
	type: 'deleted';
	recordId: string;
	privacy: boolean;
}

/** A change in a CRM that matters to who our customers are. */
export type CrmChange = CrmIdentifiersChanged | CrmRecordsMerged | CrmRecordDeleted;

/** What the CRMs call the record that is a person, for the words of notes and reasons. */
export const CRM_RECORD_WORDS: Record<CrmKind, { crm: string; record: string }> = {
	hubspot: { crm: 'HubSpot', record: 'contact' },
	pipedrive: { crm: 'Pipedrive', record: 'person' },
	salesforce: { crm: 'Salesforce', record: 'contact' },
	rdstation: { crm: 'RD Station', record: 'contact' },
};

/** "HubSpot contact 51234567890". */
export function recordName(crm: CrmKind, id: string): string {
	const words = CRM_RECORD_WORDS[crm];
	return `${words.crm} ${words.record} ${id}`;
}
