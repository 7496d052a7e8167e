export * from './lib/correlation';
