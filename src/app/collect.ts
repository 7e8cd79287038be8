import { join } from 'node:path';
import type { AwsOptions } from '../aws/types.js';
import { collectInventory } from '../collect/collect-inventory.js';
import { collectorsFor } from '../collect/plan.js';
import type { RegionRequest } from '../collect/regions.js';
import type { TargetOptions } from '../collect/targets.js';
import { UsageError } from '../errors.js';
import { quote } from '../inventory/validate.js';
import { neutralise } from '../neutralise.js';
import { loadRules } from '../rules/load.js';
import { DEFAULT_INVENTORY } from './defaults.js';
import { EXIT } from './exit-codes.js';
import type { AppIo } from './io.js';
import { rulePathsOrDefault } from './rule-inputs.js';

export interface CollectOptions {
  aws: AwsOptions;
  targets: TargetOptions;
  regions: RegionRequest;
  /** Rule files and folders: they decide which collectors run (empty = the default rules). */
  rulesPaths: string[];
  /** The inventory file; or give `out`, a folder that gets inventory.jsonl (not both). */
  output?: string;
  out?: string;
  allowPartial: boolean;
  quiet: boolean;
  /** A partial inventory to continue (`--resume FILE`). */
  resume?: string;
}

/** What a collection returns. */
export interface CollectOutcome {
  exitCode: number;
  /** The inventory file written. */
  written: string[];
  gaps: number;
}

/** The line that says what --resume kept. */
export function resumedLine(resumed: number, file: string): string {
  return `  resumed: ${resumed} account-region(s) kept whole from ${neutralise(quote(file))}; the rest collected again\n`;
}

/** Shown gaps on stderr; the rest are counted (they all stay in the inventory). */
const GAPS_SHOWN = 20;

/** Collects what the rules need into an inventory; exit 0, or 3 when coverage has gaps (unless allowPartial). */
export async function collect(opts: CollectOptions, io: AppIo): Promise<CollectOutcome> {
  const { rules } = await loadRules(rulePathsOrDefault(opts.rulesPaths, io.cwd));
  if (opts.output && opts.out) throw new UsageError('give --output FILE or --out DIR, not both');
  // --out DIR is the output folder option of every command: the inventory goes to DIR/inventory.jsonl.
  const output = opts.output ?? (opts.out ? join(opts.out, 'inventory.jsonl') : DEFAULT_INVENTORY);
  const result = await collectInventory({
    aws: { ...opts.aws, env: io.env },
    ...(io.signal ? { signal: io.signal } : {}),
    targets: opts.targets,
    regions: opts.regions,
    collectors: collectorsFor(rules.map((r) => r.check)),
    output,
    progress: { stream: io.stderr, quiet: opts.quiet },
    ...(opts.resume ? { resume: opts.resume } : {}),
  });
  if (!opts.quiet) {
    const { stderr } = io;
    stderr.write(
      `collect: ${result.targets.accounts.length} accounts, ${result.segments} segments, ${result.gaps.length} gaps, ` +
        `${result.stats.calls} calls, ${result.stats.throttles} throttled; inventory: ${neutralise(output)}\n`,
    );
    if (opts.resume) stderr.write(resumedLine(result.resumed, opts.resume));
    // AWS error text is untrusted: the whole line goes through the neutraliser.
    for (const gap of result.gaps.slice(0, GAPS_SHOWN)) {
      const error = gap.error ? ` (${JSON.stringify(gap.error)})` : '';
      stderr.write(
        `${neutralise(`  gap: ${gap.account} ${gap.region} ${gap.collector}: ${gap.status}${error}`)}\n`,
      );
    }
    if (result.gaps.length > GAPS_SHOWN)
      stderr.write(`  … ${result.gaps.length - GAPS_SHOWN} more gaps in the inventory\n`);
  }
  const exitCode = result.gaps.length > 0 && !opts.allowPartial ? EXIT.incomplete : EXIT.clean;
  return { exitCode, written: [output], gaps: result.gaps.length };
}
