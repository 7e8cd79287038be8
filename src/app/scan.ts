import { join } from 'node:path';
import type { BucketClass, BucketSpec } from '../aws/pacer.js';
import type { AwsOptions } from '../aws/types.js';
import { collectInventory } from '../collect/collect-inventory.js';
import { collectorsFor } from '../collect/plan.js';
import type { RegionRequest } from '../collect/regions.js';
import type { TargetOptions } from '../collect/targets.js';
import { neutralise } from '../neutralise.js';
import { checkOutputOptions } from '../report/write.js';
import { resumedLine } from './collect.js';
import { DEFAULT_OUT } from './defaults.js';
import { evaluateAndReport, type ReportOptions, type RunOutcome } from './evaluate-and-report.js';
import { type AppIo, nowOf } from './io.js';
import { loadRuleInputs } from './rule-inputs.js';

/** Everything a scan needs, already parsed: what `amiaudit scan` and `amiaudit demo` pass to scan(). */
export interface ScanOptions extends ReportOptions {
  aws: AwsOptions;
  targets: TargetOptions;
  regions: RegionRequest;
  /** Evaluate as of this instant (default: the end of collection). */
  now?: Date;
  /** Pacer bucket overrides (demo, benchmarks). */
  buckets?: Partial<Record<BucketClass, BucketSpec>>;
  /** A partial inventory to continue (`--resume FILE`). */
  resume?: string;
}

/** What a scan returns: the evaluation's outcome plus where the inventory went. */
export interface ScanOutcome extends RunOutcome {
  /** The inventory file, kept for offline re-evaluation. */
  inventoryPath: string;
}

/**
 * collect + evaluate + reports. Rules, exceptions and formats are loaded and validated once, before any
 * AWS call; the inventory streams to <out>/inventory.jsonl and is evaluated from memory.
 */
export async function scan(opts: ScanOptions, io: AppIo): Promise<ScanOutcome> {
  const startedAt = nowOf(io);
  const { stderr } = io;
  checkOutputOptions(opts.out, opts.formats);
  const inputs = await loadRuleInputs({ ...opts, cwd: io.cwd });
  const inventoryPath = join(opts.out === '-' ? DEFAULT_OUT : opts.out, 'inventory.jsonl');
  const collected = await collectInventory({
    aws: { ...opts.aws, env: io.env },
    ...(io.signal ? { signal: io.signal } : {}),
    targets: opts.targets,
    regions: opts.regions,
    collectors: collectorsFor(inputs.rules.map((r) => r.check)),
    output: inventoryPath,
    inMemory: true,
    startedAt,
    progress: { stream: stderr, quiet: opts.quiet ?? false },
    ...(opts.buckets ? { buckets: opts.buckets } : {}),
    ...(opts.resume ? { resume: opts.resume } : {}),
  });
  if (!opts.quiet) {
    stderr.write(
      `scan: ${collected.targets.accounts.length} accounts, ${collected.segments} segments (${collected.gaps.length} gaps), ` +
        `${collected.stats.calls} calls, ${collected.stats.throttles} throttled; inventory: ${neutralise(inventoryPath)}\n`,
    );
    if (opts.resume) stderr.write(resumedLine(collected.resumed, opts.resume));
  }
  const {
    aws: _aws,
    targets: _targets,
    regions: _regions,
    buckets: _buckets,
    resume: _resume,
    ...reportOptions
  } = opts;
  const outcome = await evaluateAndReport(
    inputs,
    {
      ...reportOptions,
      inventory: collected.inventory!,
      now: opts.now ?? nowOf(io),
      startedAt,
    },
    io,
  );
  return { ...outcome, inventoryPath };
}
