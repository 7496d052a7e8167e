export * from './lib/severity';
export * from './lib/templates/tokenize';
export * from './lib/templates/template-miner';
