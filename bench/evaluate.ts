// Evaluate benchmark (evaluating must cost at most twice reading the inventory): a synthetic
// inventory of N AMIs (default 1,000,000 over 2,000 accounts × 17 regions), then, each in its own
// child process so peak RSS is measured apart:
//   floor — read + parse + validate the inventory, nothing else;
//   full  — the evaluate use case (what `amiaudit evaluate` runs) with the default rule pack,
//           writing findings.json.
// Usage: npm run bench:evaluate [-- --images N] [--accounts N] [--regions N] [--keep]
//        (or AMIAUDIT_BENCH_IMAGES=N); --keep keeps the generated inventory, --inventory FILE reuses one,
//        --runs N repeats both phases and keeps the fastest of each.
// The last line printed is `ratio: R` (full ÷ floor wall time).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSyntheticInventory } from './synthetic-inventory.js';

const TARGET_RATIO = 2.0;
const TARGET_RSS_BYTES = 4 * 1024 ** 3;
const NOW = '2026-06-01T00:00:00.000Z';
const SEED = 20_260_601;

interface ChildResult {
  wallMs: number;
  /** user + system CPU time: steadier than wall time on a shared machine. */
  cpuMs: number;
  maxRssBytes: number;
  detail: Record<string, number | string>;
}

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en-US');

/** Child side: run one phase and print its measurements as the last stdout line. */
async function child(phase: string, inventory: string, out: string): Promise<void> {
  const started = performance.now();
  const detail: Record<string, number | string> = {};
  if (phase === 'floor') {
    const { readInventory } = await import('../src/inventory/reader.js');
    const inv = await readInventory([inventory]);
    detail.images = inv.images.length;
    detail.records = inv.images.length + inv.usage.length + inv.snapshots.length + inv.segments.length;
  } else {
    const { evaluateInventories } = await import('../src/app/evaluate.js');
    const rules = join(fileURLToPath(new URL('../..', import.meta.url)), 'rules');
    const { exitCode: code } = await evaluateInventories(
      {
        inventories: [inventory],
        rulesPaths: [rules],
        out,
        formats: ['json'],
        failOn: 'high',
        allowPartial: false,
        failOnNew: false,
        now: new Date(NOW),
        quiet: true,
      },
      { stderr: process.stderr, stdout: process.stdout, env: process.env, cwd: process.cwd() },
    );
    detail.exitCode = code;
    detail.findingsBytes = (await stat(join(out, 'findings.json'))).size;
  }
  const wallMs = performance.now() - started;
  // resourceUsage().maxRSS is in KiB.
  const usage = process.resourceUsage(); // maxRSS in KiB, CPU times in µs
  const result: ChildResult = {
    wallMs,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    maxRssBytes: usage.maxRSS * 1024,
    detail,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Parent side: runs one phase in a fresh node process. */
function runChild(phase: string, inventory: string, out: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(import.meta.url);
    const p = spawn(process.execPath, [script, '--child', phase, '--inventory', inventory, '--out', out], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as ChildResult);
      } catch {
        reject(new Error(`${phase} child exited ${code} without a result`));
      }
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      images: { type: 'string' },
      accounts: { type: 'string' },
      regions: { type: 'string' },
      keep: { type: 'boolean' },
      runs: { type: 'string' },
      child: { type: 'string' },
      inventory: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.child) {
    await child(values.child, values.inventory ?? '', values.out ?? '');
    return;
  }
  const images = Number(values.images ?? process.env.AMIAUDIT_BENCH_IMAGES ?? 1_000_000);
  const accounts = Number(values.accounts ?? 2000);
  const regions = Number(values.regions ?? 17);
  const dir = await mkdtemp(join(tmpdir(), 'amiaudit-bench-'));
  const inventory = values.inventory ?? join(dir, 'inventory.jsonl');
  try {
    if (values.inventory) {
      console.log(`inventory: ${inventory} (reused), ${gib((await stat(inventory)).size)}`);
    } else {
      const g0 = performance.now();
      const stats = await writeSyntheticInventory(inventory, {
        images,
        accounts,
        regions,
        seed: SEED,
        collectedAt: NOW,
      });
      console.log(
        `inventory: ${count(stats.images)} AMIs, ${count(accounts)} accounts × ${regions} regions, ` +
          `${count(stats.usage)} usage refs, ${count(stats.snapshots)} snapshots, ${count(stats.segments)} segments ` +
          `(${count(stats.failedSegments)} failed); ${count(stats.records)} records, ${gib(stats.bytes)}; ` +
          `generated in ${secs(performance.now() - g0)}`,
      );
    }
    // With --runs N each phase runs N times, alternating, and the fastest run of each counts: on a shared
    // machine the minimum is the least disturbed measurement.
    const runs = Math.max(1, Number(values.runs ?? 1));
    let floor: ChildResult | undefined;
    let full: ChildResult | undefined;
    for (let i = 0; i < runs; i++) {
      const f = await runChild('floor', inventory, join(dir, 'floor-out'));
      if (!floor || f.wallMs < floor.wallMs) floor = f;
      await rm(join(dir, 'reports'), { recursive: true, force: true });
      const e = await runChild('full', inventory, join(dir, 'reports'));
      if (!full || e.wallMs < full.wallMs) full = e;
      if (runs > 1) console.log(`run ${i + 1}/${runs}: floor ${secs(f.wallMs)}, full ${secs(e.wallMs)}`);
    }
    if (!floor || !full) throw new Error('no run');
    const ratio = full.wallMs / floor.wallMs;
    const rssOk = full.maxRssBytes <= TARGET_RSS_BYTES;
    console.log(
      `floor (read + parse + validate): wall ${secs(floor.wallMs)}, cpu ${secs(floor.cpuMs)}, peak RSS ${gib(floor.maxRssBytes)}`,
    );
    console.log(
      `full (evaluate, default pack, findings.json ${gib(Number(full.detail.findingsBytes))}, exit ${full.detail.exitCode}): ` +
        `wall ${secs(full.wallMs)}, cpu ${secs(full.cpuMs)}, peak RSS ${gib(full.maxRssBytes)} ` +
        `(target ≤ ${gib(TARGET_RSS_BYTES)}: ${rssOk ? 'met' : 'MISSED'})`,
    );
    console.log(
      `target: full ≤ ${TARGET_RATIO.toFixed(2)} × floor: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'} ` +
        `(cpu-time ratio ${(full.cpuMs / floor.cpuMs).toFixed(2)})`,
    );
    if (values.keep) console.log(`kept: ${dir}`);
    console.log(`ratio: ${ratio.toFixed(2)}`);
  } finally {
    if (!values.keep) await rm(dir, { recursive: true, force: true });
  }
}

await main();
