import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BucketClass, BucketSpec } from '../../aws/pacer.js';
import type { AwsOptions } from '../../aws/types.js';
import { collectInventory } from '../../collect/collect-inventory.js';
import { collectorsFor } from '../../collect/plan.js';
import type { RegionRequest } from '../../collect/regions.js';
import type { TargetOptions } from '../../collect/targets.js';
import { InputErrors } from '../../errors.js';
import type { Severity } from '../../report/model.js';
import { FORMATS } from '../../report/write.js';
import { loadExceptions, validateExceptionRuleIds } from '../../rules/exceptions.js';
import { defaultRulePaths, loadRules } from '../../rules/load.js';
import { EXIT } from '../exit-codes.js';
import { AWS_OPTIONS, failOn, list, nowOption, parse, SHARED_OPTIONS } from '../options.js';
import { checkOutputOptions, DEFAULT_EXCEPTIONS, DEFAULT_OUT, runPipeline } from '../pipeline.js';
import { AWS_USAGE, awsArgs } from './collect.js';

/** Everything a scan needs, already parsed: what `amiaudit scan` and `amiaudit demo` pass to runScan. */
export interface ScanOptions {
  aws: AwsOptions;
  targets: TargetOptions;
  regions: RegionRequest;
  /** Rule files and folders; empty = ./rules when it exists, else the bundled pack. */
  rulesPaths: string[];
  exceptionsPath?: string;
  /** Output folder ('-' = one format on stdout; the inventory then goes to reports/). */
  out: string;
  formats: string[];
  failOn: Severity | 'none';
  allowPartial: boolean;
  baselinePath?: string;
  failOnNew?: boolean;
  /** Evaluate as of this instant (default: the end of collection). */
  now?: Date;
  quiet?: boolean;
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
  const exceptionsFile =
    opts.exceptionsPath ?? (existsSync(DEFAULT_EXCEPTIONS) ? DEFAULT_EXCEPTIONS : undefined);
  if (exceptionsFile) {
    const errors = validateExceptionRuleIds(
      await loadExceptions(exceptionsFile),
      rules.map((r) => r.id),
    );
    if (errors.length > 0) throw new InputErrors(errors);
  }
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
  const { exitCode } = await runPipeline({
    inventory: collected.inventory!,
    rulesPaths,
    ...(opts.exceptionsPath ? { exceptionsPath: opts.exceptionsPath } : {}),
    out: opts.out,
    formats: opts.formats,
    failOn: opts.failOn,
    allowPartial: opts.allowPartial,
    ...(opts.baselinePath ? { baselinePath: opts.baselinePath } : {}),
    failOnNew: opts.failOnNew ?? false,
    now: opts.now ?? new Date(),
    startedAt,
    quiet: opts.quiet ?? false,
    stderr,
  });
  return exitCode;
}

const USAGE = `usage: amiaudit scan [AWS options] [options]

Collects what the rules need from every target account and region, evaluates the rules and writes
reports. The inventory is kept as <out>/inventory.jsonl for offline re-evaluation.

options:
  --rules PATH          rule file or folder, repeatable (default: ./rules, else the bundled pack)
  --exceptions FILE     exceptions file (default: ./exceptions.yaml when it exists)
  --out DIR             output folder (default: ${DEFAULT_OUT}/), or - for stdout (one format)
  --format LIST         any of ${FORMATS.join(',')} (default: json,html)
  --fail-on SEVERITY    info|low|medium|high|critical|none (default: high)
  --baseline FILE       a previous findings.json: mark findings new/unchanged, list resolved ones
  --fail-on-new         with --baseline, fail only on new findings
  --allow-partial       exit 0 instead of 3 when coverage is incomplete (gaps stay in the report)
  --now ISO8601         evaluate as of this instant (default: the end of collection)
  --quiet               no progress or summary on stderr

${AWS_USAGE}

exit codes: 0 clean, 1 open findings at or above --fail-on, 2 usage, rule-file, credential or
            internal error, 3 no violation but coverage incomplete`;

/** amiaudit scan. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...SHARED_OPTIONS, ...AWS_OPTIONS });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT.clean;
  }
  const { aws, targets, regions } = awsArgs(values);
  return runScan({
    aws,
    targets,
    regions,
    rulesPaths: values.rules ?? [],
    ...(values.exceptions ? { exceptionsPath: values.exceptions } : {}),
    out: values.out ?? DEFAULT_OUT,
    formats: list(values.format) ?? ['json', 'html'],
    failOn: failOn(values['fail-on']),
    allowPartial: values['allow-partial'] ?? false,
    ...(values.baseline ? { baselinePath: values.baseline } : {}),
    failOnNew: values['fail-on-new'] ?? false,
    ...(values.now !== undefined ? { now: nowOption(values.now) } : {}),
    quiet: values.quiet ?? false,
  });
}
