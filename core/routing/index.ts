export * from './moment';
export * from './clock-time';
export * from './schedule';
export * from './business-hours';
export * from './sla';
