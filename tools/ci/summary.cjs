// Sums reports/jest/*.json into the one line CI reads. A suite that failed to run
// (compile error, crash) counts as one failed test so it can never pass silently.
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', '..', 'reports', 'jest');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
let passed = 0;
let failed = 0;
for (const file of files) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const suitesWithoutTests = Math.max(r.failedSuites - r.failed, 0);
  passed += r.passed;
  failed += r.failed + suitesWithoutTests;
}
const extra = process.argv.slice(2).map(Number);
if (extra.length === 2 && extra.every(Number.isInteger)) {
  passed += extra[0];
  failed += extra[1];
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
