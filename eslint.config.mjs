import { builtinModules } from 'node:module';
import nx from '@nx/eslint-plugin';

const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));

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
  {
    // The pure libraries: no Node built-in, framework, database or HTTP client (DESIGN.md §3).
    files: ['libs/correlation/src/**/*.ts', 'libs/contracts/src/**/*.ts', 'libs/sources/src/**/*.ts'],
    rules: {
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
    },
  },
];
