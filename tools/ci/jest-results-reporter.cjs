// Writes each jest run's pass/fail counts to reports/jest/<project>.json so that
// tools/ci/summary.cjs can print one "tests: N passed, N failed" line for all suites.
const fs = require('node:fs');
const path = require('node:path');

class JestResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const outDir = path.join(__dirname, '..', '..', 'reports', 'jest');
    fs.mkdirSync(outDir, { recursive: true });
    const project = path
      .relative(path.join(__dirname, '..', '..'), this.rootDir)
      .replace(/[\\/]/g, '-');
    const summary = {
      project,
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      failedSuites: results.numFailedTestSuites,
      runtimeErrorSuites: results.numRuntimeErrorTestSuites,
      finishedAt: new Date().toISOString(),
    };
    fs.writeFileSync(
      path.join(outDir, `${project || 'root'}.json`),
      JSON.stringify(summary, null, 2),
    );
  }
}

module.exports = JestResultsReporter;
