import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Benchmarks and scripts drive the apps and libraries from their sources (and the built api): they
    // import them by path, which the module boundaries forbid between projects.
    files: ['**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
