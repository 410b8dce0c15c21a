#!/usr/bin/env bash
# The README's test command (`npm test`) and what .ci/run calls: brings up the real local stack,
# migrates it, runs lint, typecheck, a prettier check and every jest suite (unit and
# integration), then prints one "tests: N passed, N failed" line summed over all suites.
set -uo pipefail
cd "$(dirname "$0")/../.."

section() { printf '\n==> %s\n' "$*"; }
failures=0

stack_was_running=false
npx tsx tools/stack/src/cli.ts status 2>/dev/null | grep -q 'ready' && stack_was_running=true

section "local stack (Kafka, ClickHouse, Cassandra)"
if ! npx tsx tools/stack/src/cli.ts up; then
  npx tsx tools/stack/src/cli.ts logs || true
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

section "deploy tools (helm, promtool, offline Kubernetes schemas)"
bash tools/deploy/install-tools.sh || failures=$((failures + 1))

section "migrations"
npx tsx tools/migrate/src/cli.ts || failures=$((failures + 1))

section "lint, typecheck and formatting"
npx nx run-many -t lint typecheck --outputStyle=static || failures=$((failures + 1))
npx prettier --check . || failures=$((failures + 1))

section "tests"
rm -rf reports/jest
npx nx run-many -t test --parallel=1 --outputStyle=static -- --ci || true

if [ "$stack_was_running" = false ] && [ "${KEEP_STACK:-false}" != true ]; then
  section "stopping the local stack"
  npx tsx tools/stack/src/cli.ts down || true
fi

section "summary"
# Lint/typecheck/migration failures are not jest tests, but must fail the run: count each as one.
node tools/ci/summary.cjs 0 "$failures"
