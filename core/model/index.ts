export * from './identity';
export * from './event';
export * from './customer';
