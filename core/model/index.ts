export * from './identity';
export * from './event';
export * from './customer';
export * from './message-reference';
