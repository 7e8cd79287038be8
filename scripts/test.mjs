// The README's test command runs this (npm test): it installs what the browser test needs,
// builds the binary the CLI tests run, runs vitest, and ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

if (!existsSync('/usr/bin/chromium')) {
  console.error('test: installing Debian chromium for the browser test');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => (sudo.length ? run('sudo', ['apt-get', ...args], { env }) : run('apt-get', args, { env }));
  if (apt(['update', '-qq']) !== 0 || apt(['install', '-y', '-qq', 'chromium']) !== 0) {
    console.error('test: could not install chromium');
    process.exit(1);
  }
}

if (run('npm', ['run', '--silent', 'build']) !== 0) {
  console.error('test: build failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// Type errors in tests and lint problems fail the run too; each counts as one failure.
let checksFailed = 0;
for (const script of ['typecheck', 'lint']) {
  if (run('npm', ['run', '--silent', script]) !== 0) {
    console.error(`test: npm run ${script} failed`);
    checksFailed += 1;
  }
}

mkdirSync('.tmp', { recursive: true });
const out = '.tmp/vitest-results.json';
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)]);
let passed = 0;
let failed = checksFailed;
try {
  const results = JSON.parse(readFileSync(out, 'utf8'));
  passed = results.numPassedTests;
  failed += results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
  if (results.numPendingTests || results.numTodoTests) {
    console.error(`test: ${results.numPendingTests + results.numTodoTests} skipped or todo tests are not allowed`);
    failed += results.numPendingTests + results.numTodoTests;
  }
} catch (err) {
  console.error(`test: cannot read vitest results: ${err.message}`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
