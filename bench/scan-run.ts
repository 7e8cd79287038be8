import { createReadStream, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { PacerStats } from '../src/aws/pacer.js';
import { DEFAULT_CONCURRENCY } from '../src/aws/session.js';
import { collectInventory } from '../src/collect/collect-inventory.js';
import type { Collector } from '../src/inventory/schema.js';

/** What the emulator accepts as base credentials (the caller = its management account). */
const CREDENTIALS = { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'x' };

export interface ScanRun {
  wallMs: number;
  /** Scanner process CPU (user + system, all threads) during the collect. */
  cpuMs: number;
  /** CPU of the main thread alone (signing, serialising, parsing: the single-threaded part). */
  mainCpuMs: number;
  /** How long the main thread was ready to run but had no CPU (other processes on a shared machine). */
  runQueueMs: number;
  stats: PacerStats;
  /** `account/region` → successful attempts per API. */
  perAccountRegion: Map<string, Map<string, number>>;
  /** `account/region` → when its last attempt ended, ms from the start. */
  finishedAt: Map<string, number>;
  targets: number;
  accountRegions: number;
  images: number;
  gaps: number;
  concurrency: number;
  /** From the start to the first images listing: organization discovery, AssumeRole, DescribeRegions. */
  prefixMs: number;
  /** Attempts after the first images listing, and how long that phase took (the steady fan-out). */
  steady: { attempts: number; ms: number; mainCpuMs: number };
}

/** CPU time of this process's main (JavaScript) thread, from /proc (Linux); NaN elsewhere. */
export function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // utime and stime are fields 14 and 15, counted after the parenthesised command name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Time the main thread spent runnable but waiting for a CPU (/proc schedstat, Linux); NaN elsewhere. */
export function mainThreadRunQueueMs(): number {
  try {
    const [, waitNs] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ');
    return Number(waitNs) / 1e6;
  } catch {
    return Number.NaN;
  }
}

async function countImages(file: string): Promise<number> {
  let n = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) if (line.startsWith('{"kind":"image"')) n += 1;
  return n;
}

/** One full collect of the emulator's organization (all accounts, all enabled regions), timed. */
export async function collectOnce(o: {
  url: string;
  collectors: readonly Collector[];
  concurrency: number | undefined;
}): Promise<ScanRun> {
  const dir = await mkdtemp(join(tmpdir(), 'amiaudit-bench-scan-'));
  const perAccountRegion = new Map<string, Map<string, number>>();
  const finishedAt = new Map<string, number>();
  const concurrency = o.concurrency ?? DEFAULT_CONCURRENCY;
  try {
    const output = join(dir, 'inventory.jsonl');
    let attempts = 0;
    let attemptsBefore = 0;
    let firstListingAt: number | undefined;
    let mainAtListing = Number.NaN;
    const main0 = mainThreadCpuMs();
    const queue0 = mainThreadRunQueueMs();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await collectInventory({
      aws: {
        endpointUrl: o.url,
        credentials: CREDENTIALS,
        region: 'us-east-1',
        concurrency,
        timeoutMs: 60_000,
        onAttempt: (account, region, api, err) => {
          attempts += 1;
          if (firstListingAt === undefined && api === 'DescribeImages') {
            firstListingAt = performance.now();
            mainAtListing = mainThreadCpuMs();
            attemptsBefore = attempts - 1;
          }
          const key = `${account}/${region}`;
          finishedAt.set(key, performance.now() - t0);
          if (err !== undefined) return;
          let calls = perAccountRegion.get(key);
          if (!calls) {
            calls = new Map();
            perAccountRegion.set(key, calls);
          }
          calls.set(api, (calls.get(api) ?? 0) + 1);
        },
      },
      targets: { org: true },
      regions: 'all',
      collectors: o.collectors,
      output,
    });
    const end = performance.now();
    const mainEnd = mainThreadCpuMs();
    const queueEnd = mainThreadRunQueueMs();
    const wallMs = end - t0;
    const listingAt = firstListingAt ?? end;
    const cpu = process.cpuUsage(cpu0);
    const accountRegions = new Set(
      [...perAccountRegion.keys()].filter(
        (k) => !k.startsWith('-/') && perAccountRegion.get(k)?.has('DescribeImages'),
      ),
    ).size;
    return {
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      mainCpuMs: mainEnd - main0,
      runQueueMs: queueEnd - queue0,
      stats: result.stats,
      perAccountRegion,
      finishedAt,
      targets: result.targets.accounts.length,
      accountRegions,
      images: await countImages(output),
      gaps: result.gaps.length,
      concurrency,
      prefixMs: listingAt - t0,
      steady: {
        attempts: attempts - attemptsBefore,
        ms: end - listingAt,
        mainCpuMs: mainEnd - (firstListingAt === undefined ? mainEnd : mainAtListing),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
