import { join } from 'node:path';
import type { BucketClass, BucketSpec } from '../../aws/pacer.js';
import type { AwsOptions } from '../../aws/types.js';
import { collectInventory } from '../../collect/collect-inventory.js';
import { collectorsFor } from '../../collect/plan.js';
import type { RegionRequest } from '../../collect/regions.js';
import type { TargetOptions } from '../../collect/targets.js';
import { defaultRulePaths, loadRules } from '../../rules/load.js';
import { EXIT } from '../exit-codes.js';
import { AWS_OPTIONS, parse, SHARED_OPTIONS } from '../options.js';
import { EXIT_USAGE, type OutputOptions, outputOptions, outputUsage } from '../output-options.js';
import { checkOutputOptions, DEFAULT_OUT, loadExceptionsFor, runPipeline } from '../pipeline.js';
import { AWS_USAGE, awsArgs } from './collect.js';

/** Everything a scan needs, already parsed: what `amiaudit scan` and `amiaudit demo` pass to runScan. */
export interface ScanOptions extends OutputOptions {
  aws: AwsOptions;
  targets: TargetOptions;
  regions: RegionRequest;
  /** Pacer bucket overrides (demo, benchmarks). */
  buckets?: Partial<Record<BucketClass, BucketSpec>>;
  /** Where progress and the summary go (default process.stderr). */
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * collect + evaluate + reports. Rules, exceptions and formats are validated before any AWS call; the
 * inventory streams to <out>/inventory.jsonl and is evaluated from memory. Returns the exit code.
 */
export async function runScan(opts: ScanOptions): Promise<number> {
  const startedAt = new Date();
  const stderr = opts.stderr ?? process.stderr;
  checkOutputOptions(opts.out, opts.formats);
  const rulesPaths = opts.rulesPaths.length > 0 ? opts.rulesPaths : defaultRulePaths();
  const { rules } = await loadRules(rulesPaths);
  // Checked before any AWS call; runPipeline loads them again for the evaluation.
  await loadExceptionsFor(
    opts.exceptionsPath,
    rules.map((r) => r.id),
  );
  const output = join(opts.out === '-' ? DEFAULT_OUT : opts.out, 'inventory.jsonl');
  const collected = await collectInventory({
    aws: opts.aws,
    targets: opts.targets,
    regions: opts.regions,
    collectors: collectorsFor(rules.map((r) => r.check)),
    output,
    inMemory: true,
    startedAt,
    progress: { stream: stderr, quiet: opts.quiet ?? false },
    ...(opts.buckets ? { buckets: opts.buckets } : {}),
  });
  if (!opts.quiet) {
    stderr.write(
      `scan: ${collected.targets.accounts.length} accounts, ${collected.segments} segments (${collected.gaps.length} gaps), ` +
        `${collected.stats.calls} calls, ${collected.stats.throttles} throttled; inventory: ${output}\n`,
    );
  }
  const { aws: _aws, targets: _targets, regions: _regions, buckets: _buckets, ...reportOptions } = opts;
  const { exitCode } = await runPipeline({
    ...reportOptions,
    inventory: collected.inventory!,
    rulesPaths,
    now: opts.now ?? new Date(),
    startedAt,
    stderr,
  });
  return exitCode;
}

const USAGE = `usage: amiaudit scan [AWS options] [options]

Collects what the rules need from every target account and region, evaluates the rules and writes
reports. The inventory is kept as <out>/inventory.jsonl for offline re-evaluation.

options:
${outputUsage('the end of collection')}

${AWS_USAGE}

${EXIT_USAGE}`;

/** amiaudit scan. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...SHARED_OPTIONS, ...AWS_OPTIONS });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.clean;
  }
  const { aws, targets, regions } = awsArgs(values);
  return runScan({ aws, targets, regions, ...outputOptions(values) });
}
