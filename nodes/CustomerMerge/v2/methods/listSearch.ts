import type { INodeListSearchItems } from 'n8n-workflow';
import type { CustomerSummary } from '../../../../core';
import { listSearch, searchResult } from '../../../shared/list-search';
import { customerStore } from '../transport';
import { customerLabel } from './customer-label';

const PAGE_SIZE = 50;

const entry = (customer: CustomerSummary): INodeListSearchItems => ({ name: customerLabel(customer), value: customer.id, description: `ID ${customer.id}, since ${customer.createdAt.slice(0, 10)}` });

/** Customers whose name or any identifier contains what was typed, newest first; the value is the customer ID. */
export const searchCustomers = listSearch(async (context, filter, paginationToken) => {
	const graph = await customerStore.connect(context);
	const page = await graph.searchCustomers(filter ?? '', { limit: PAGE_SIZE, after: paginationToken });
	return searchResult(page.customers.map(entry), page.next);
});

/**
 * The customers a merge can be undone for, each under the customer it went into (found by
 * what was typed, as in searchCustomers): its identifiers moved there, so that is how a
 * person finds it. The value is the ID of the customer merged away.
 */
export const searchMergedCustomers = listSearch(async (context, filter, paginationToken) => {
	const graph = await customerStore.connect(context);
	const page = await graph.searchCustomers(filter ?? '', { limit: PAGE_SIZE, after: paginationToken, withMerges: true });
	const results = page.customers.flatMap((customer) =>
		customer.mergedFrom.map((mergedId) => ({ name: `${mergedId}, merged into ${customerLabel(customer)}`, value: mergedId, description: `Merged into ${customer.id}` })),
	);
	return searchResult(results, page.next);
});
