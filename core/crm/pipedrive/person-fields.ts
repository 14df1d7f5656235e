import type { CrmProperty } from '../types';

/** A person field as GET /v1/personFields answers it. */
export interface PipedrivePersonField {
	key: string;
	name?: string;
	field_type?: string;
	active_flag?: boolean;
	/** A field the company created (a custom field): editable. */
	edit_flag?: boolean;
	/** A field whose values can be changed in bulk: Pipedrive's own writable fields (name, email, phone…). */
	bulk_edit_allowed?: boolean;
}

/** v1 pages with start/limit; the answer says whether more remain under additional_data.pagination. */
export interface PipedrivePagination {
	more_items_in_collection?: boolean;
	next_start?: number;
}

export function paginationOf(additionalData: Record<string, unknown> | null | undefined): PipedrivePagination {
	const pagination = additionalData?.pagination ?? additionalData;
	return pagination && typeof pagination === 'object' ? (pagination as PipedrivePagination) : {};
}

/** A field as the node's field mapping offers it; calculated fields (deal counts, add_time) can't be written. */
export function toProperty(field: PipedrivePersonField): CrmProperty {
	return {
		name: field.key,
		label: field.name?.trim() || field.key,
		type: field.field_type ?? 'varchar',
		writable: field.edit_flag === true || field.bulk_edit_allowed === true,
	};
}
