export * from './lib/severity';
