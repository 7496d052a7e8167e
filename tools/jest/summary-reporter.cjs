// Writes each Jest run's totals to dist/test-results/<name>.json, so tools/scripts/test.mjs can
// print one closing line for the whole suite across Nx projects.
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = path.resolve(__dirname, '../../dist/test-results');
    fs.mkdirSync(dir, { recursive: true });
    const name = path.relative(path.resolve(__dirname, '../..'), this.rootDir).replace(/[\\/]/g, '-') || 'root';
    const summary = {
      project: name,
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
      suitesFailed: results.numFailedTestSuites,
      runtimeErrorSuites: results.numRuntimeErrorTestSuites,
    };
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(summary));
  }
}

module.exports = SummaryReporter;
