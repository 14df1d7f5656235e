export * from './conversation';
export * from './counters';
export * from './conversations';
export { ConversationError } from './requests';
export { transcript } from './transcript';
