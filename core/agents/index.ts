export * from './agent';
export * from './queue';
export * from './row-problems';
export * from './team';
