import type { CrmAdapter, CrmProperty } from '../types';
import { callSalesforce } from './api';
import type { SalesforceConfig } from './config';
import { salesforceError, salesforceErrorItems } from './errors';
import { findSalesforceContacts } from './find-contacts';
import { logSalesforceActivity } from './log-activity';
import { requirePersonObject } from './record-ids';
import { upsertSalesforceContacts } from './upsert-contacts';

interface DescribeAnswer {
	fields: Array<{ name: string; label: string; type: string; updateable?: boolean }>;
}

/** Salesforce for every CRM node: Contacts and open Leads, Tasks on their timeline. */
export function createSalesforceAdapter(config: SalesforceConfig): CrmAdapter {
	return {
		crm: 'salesforce',
		findContacts: (customer) => findSalesforceContacts(config, customer),
		upsertContacts: (inputs) => upsertSalesforceContacts(config, inputs),
		logActivity: (activity) => logSalesforceActivity(config, activity),

		async eraseContact(contactId) {
			const id = contactId.trim();
			const object = requirePersonObject(id, 'The contact to erase');
			// Salesforce answers 404 NOT_FOUND, or ENTITY_IS_DELETED for a record in the recycle bin.
			const response = await callSalesforce(config, { method: 'DELETE', path: `/sobjects/${object}/${id}`, subject: `the ${object.toLowerCase()} ${id}`, accept: [400, 404] });
			if (response.status < 300) return { erased: true };
			const codes = salesforceErrorItems(response.body).map((item) => item.errorCode);
			if (codes.includes('ENTITY_IS_DELETED') || codes.includes('NOT_FOUND') || response.status === 404) return { erased: false };
			throw salesforceError(response.status, response.body, `the ${object.toLowerCase()} ${id}`, response.headers);
		},

		async listProperties(): Promise<CrmProperty[]> {
			const response = await callSalesforce<DescribeAnswer>(config, { method: 'GET', path: '/sobjects/Contact/describe', subject: 'the Contact fields' });
			return response.body.fields.map((field) => ({ name: field.name, label: field.label, type: field.type, writable: field.updateable === true }));
		},
	};
}
