/**
 * Jest's module loader cannot require ES modules, and @kubernetes/client-node 1.x is one (with ESM
 * dependencies). The app's webpack build handles it; for jest, it is bundled once into CommonJS with
 * esbuild (well under a second) and mapped in. The bundle is rebuilt when the package version changes.
 */
const { buildSync } = require('esbuild');
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '../..');
// Outside node_modules: Nx would read a mapped path there as a package name.
const outDir = join(root, 'tmp/jest-esm');

function bundle(pkg) {
  const version = JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  const out = join(outDir, `${pkg.replace(/[@/]/g, '_')}-${version}.cjs`);
  if (!existsSync(out))
    buildSync({
      entryPoints: [require.resolve(pkg, { paths: [root] })],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: out,
      external: ['bufferutil', 'utf-8-validate'],
      logLevel: 'error',
    });
  return out;
}

/** moduleNameMapper entries for the ESM-only packages the api uses. */
module.exports = function esmBundles() {
  return { '^@kubernetes/client-node$': bundle('@kubernetes/client-node') };
};
