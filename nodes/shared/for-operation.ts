import type { INodeProperties } from 'n8n-workflow';

/** Shows each property only for one operation (and resource), keeping the conditions it already had. */
export function forOperation(operation: string, properties: INodeProperties[], resource?: string): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...(resource ? { resource: [resource] } : {}), ...property.displayOptions?.show, operation: [operation] },
		},
	}));
}
