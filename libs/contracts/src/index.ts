export * from './lib/enums';
export * from './lib/auth';
export * from './lib/projects';
export * from './lib/accounts';
export * from './lib/incidents';
export * from './lib/signals';
export * from './lib/pagination';
export * from './lib/webhooks';
