import { builtinModules } from 'node:module';
import nx from '@nx/eslint-plugin';

const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));

/**
 * The pure libraries (correlation, contracts, sources): no Node built-in, framework, database or HTTP
 * client (DESIGN.md §3). Each applies these in its own eslint.config.mjs, with its own paths: nx runs
 * eslint from the project's folder, where a root-relative glob would match nothing.
 */
export const PURE_LIBRARY_RULES = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['node:*', ...NODE_BUILTINS],
          message: 'The pure libraries import no Node built-in: pass what they need in.',
        },
        {
          group: ['@nestjs/*', 'typeorm', 'pg', 'ioredis', 'bullmq', 'express', 'rxjs'],
          message: 'The pure libraries import no framework, database or queue.',
        },
        {
          group: ['node-fetch', 'undici', 'axios', '@aws-sdk/*', '@kubernetes/*', 'dockerode', 'docker-modem'],
          message: 'The pure libraries import no HTTP or SDK client.',
        },
      ],
    },
  ],
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/.mozaic', '**/.angular'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            // Shared libraries never reach into apps.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The correlation engine stands on the contracts only.
            { sourceTag: 'type:correlation', onlyDependOnLibsWithTags: ['type:contracts'] },
            // A source's payloads, mappers and forms stand on the engine's vocabulary and the contracts.
            { sourceTag: 'type:sources', onlyDependOnLibsWithTags: ['type:contracts', 'type:correlation'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            // The web app never imports the api.
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared', 'scope:web'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared', 'scope:api'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      // `as never` silences the type checker wholesale: type the value (or narrow it) instead.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSAsExpression > TSNeverKeyword.typeAnnotation',
          message: 'Do not cast to never: give the value its real type.',
        },
      ],
    },
  },
];

/** The whole eslint config of a pure library (its own file holds just `export default pureLibrary()`). */
export async function pureLibrary() {
  const self = (await import('./eslint.config.mjs')).default;
  return [
    ...self,
    {
      // Tests may read fixtures from disk; the library itself may not.
      files: ['src/**/*.ts'],
      ignores: ['src/**/*.spec.ts', 'src/test/**'],
      rules: PURE_LIBRARY_RULES,
    },
    {
      files: ['**/*.json'],
      rules: {
        '@nx/dependency-checks': ['error', { ignoredFiles: ['{projectRoot}/eslint.config.{js,cjs,mjs,ts,cts,mts}'] }],
      },
      languageOptions: { parser: await import('jsonc-eslint-parser') },
    },
  ];
}
