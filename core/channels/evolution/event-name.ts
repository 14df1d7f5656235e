/** `messages.upsert`, `MESSAGES_UPSERT` and `messages-upsert` (webhook by events) name one event. */
export function evolutionEventName(event: unknown): string {
	return typeof event === 'string' ? event.trim().toLowerCase().replace(/[_-]/g, '.') : '';
}
