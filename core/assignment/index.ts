export * from './conversation-router';
export * from './response-due';
