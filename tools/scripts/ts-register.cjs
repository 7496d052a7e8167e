// Lets plain Node run the api's TypeScript sources (TypeORM CLI, benchmarks, scripts):
// ts-node in transpile-only mode plus the workspace path aliases from tsconfig.base.json.
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
process.env.TS_NODE_PROJECT ??= path.join(root, 'apps/api/tsconfig.app.json');
process.env.TS_NODE_TRANSPILE_ONLY ??= 'true';
require('ts-node/register');
const base = require(path.join(root, 'tsconfig.base.json'));
require('tsconfig-paths').register({ baseUrl: root, paths: base.compilerOptions.paths });
