import { join } from 'node:path';
import { DEFAULT_CONCURRENCY, DEFAULT_ROLE_NAME, DEFAULT_TIMEOUT_MS } from '../../aws/session.js';
import type { AwsOptions } from '../../aws/types.js';
import { collectInventory } from '../../collect/collect-inventory.js';
import { collectorsFor } from '../../collect/plan.js';
import { parseRegions, type RegionRequest } from '../../collect/regions.js';
import { parseShard, type TargetOptions } from '../../collect/targets.js';
import { UsageError } from '../../errors.js';
import { defaultRulePaths, loadRules } from '../../rules/load.js';
import { EXIT } from '../exit-codes.js';
import { AWS_OPTIONS, list, parse, positiveInt } from '../options.js';

/** Default inventory path of `amiaudit collect`. */
export const DEFAULT_INVENTORY = 'reports/inventory.jsonl';

/** Help text of the AWS targeting options (shared with scan). */
export const AWS_USAGE = `AWS options:
  --org                   scan every ACTIVE account of the AWS Organization
  --accounts LIST         scan these account ids (comma separated)
  --exclude-accounts LIST skip these accounts
  --ou LIST               only accounts under these OUs or roots (nested OUs included; implies --org)
  --role-name NAME        role assumed in each account but the caller's (default: ${DEFAULT_ROLE_NAME})
  --external-id ID        ExternalId for AssumeRole
  --regions LIST|all      regions to scan (default: every region enabled for each account)
  --concurrency N         AWS calls in flight, all accounts together (default: ${DEFAULT_CONCURRENCY})
  --endpoint-url URL      send every AWS call to this endpoint (emulator, moto, LocalStack)
  --profile NAME          named profile of the standard credential chain
  --shard I/N             only the accounts whose stable hash falls in shard I of N
  --timeout-ms N          per-attempt timeout of each AWS call (default: ${DEFAULT_TIMEOUT_MS})`;

type AwsValues = {
  [K in keyof typeof AWS_OPTIONS]?: (typeof AWS_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

export interface ParsedAwsArgs {
  aws: AwsOptions;
  targets: TargetOptions;
  regions: RegionRequest;
}

/** Turns parsed AWS_OPTIONS values into session, target and region options. */
export function awsArgs(values: AwsValues): ParsedAwsArgs {
  const endpointUrl = values['endpoint-url'];
  if (endpointUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpointUrl);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol)) {
      throw new UsageError(`--endpoint-url must be an http(s) URL, got "${endpointUrl}"`);
    }
  }
  const aws: AwsOptions = {
    env: process.env,
    concurrency: positiveInt('concurrency', values.concurrency, DEFAULT_CONCURRENCY),
    timeoutMs: positiveInt('timeout-ms', values['timeout-ms'], DEFAULT_TIMEOUT_MS),
    ...(endpointUrl ? { endpointUrl } : {}),
    ...(values.profile ? { profile: values.profile } : {}),
    ...(values['role-name'] ? { roleName: values['role-name'] } : {}),
    ...(values['external-id'] ? { externalId: values['external-id'] } : {}),
  };
  const targets: TargetOptions = {
    org: values.org ?? false,
    ...(values.accounts !== undefined ? { accounts: list(values.accounts) ?? [] } : {}),
    ...(values['exclude-accounts'] !== undefined
      ? { excludeAccounts: list(values['exclude-accounts']) ?? [] }
      : {}),
    ...(values.ou !== undefined ? { ous: list(values.ou) ?? [] } : {}),
    ...(values.shard !== undefined ? { shard: parseShard(values.shard) } : {}),
  };
  if (values.accounts !== undefined && targets.accounts?.length === 0)
    throw new UsageError('--accounts needs at least one id');
  return { aws, targets, regions: parseRegions(list(values.regions)) };
}

const USAGE = `usage: amiaudit collect [AWS options] [--rules PATH]... [--output FILE.jsonl | --out DIR]

Collects what the loaded rules need from every target account and region into an inventory
(JSON Lines, streamed while collecting). Evaluate it later with: amiaudit evaluate --inventory FILE...

options:
  --rules PATH            rule file or folder, repeatable: decides which collectors run
                          (default: ./rules, else the bundled pack)
  --output FILE           inventory file (default: ${DEFAULT_INVENTORY})
  --out DIR               write DIR/inventory.jsonl instead (the output folder option of every command)
  --allow-partial         exit 0 instead of 3 when coverage has gaps (they stay in the inventory)
  --quiet                 no progress on stderr

${AWS_USAGE}

exit codes: 0 complete, 2 usage, rule-file, credential or endpoint error, 3 coverage incomplete
            (0 with --allow-partial)`;

const OPTIONS = {
  ...AWS_OPTIONS,
  rules: { type: 'string', multiple: true },
  output: { type: 'string' },
  out: { type: 'string' },
  quiet: { type: 'boolean' },
  'allow-partial': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** amiaudit collect: writes an inventory; exit 0, 3 when coverage has gaps, 2 on fatal errors. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, OPTIONS);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.clean;
  }
  const { aws, targets, regions } = awsArgs(values);
  const rulesPaths = values.rules?.length ? values.rules : defaultRulePaths();
  const { rules } = await loadRules(rulesPaths);
  if (values.output && values.out) throw new UsageError('give --output FILE or --out DIR, not both');
  // --out DIR is the shared option of every command (DESIGN.md): the inventory goes to DIR/inventory.jsonl.
  const output = values.output ?? (values.out ? join(values.out, 'inventory.jsonl') : DEFAULT_INVENTORY);
  const result = await collectInventory({
    aws,
    targets,
    regions,
    collectors: collectorsFor(rules.map((r) => r.check)),
    output,
    progress: { stream: process.stderr, quiet: values.quiet ?? false },
  });
  if (!values.quiet) {
    process.stderr.write(
      `collect: ${result.targets.accounts.length} accounts, ${result.segments} segments, ${result.gaps.length} gaps, ` +
        `${result.stats.calls} calls, ${result.stats.throttles} throttled; inventory: ${output}\n`,
    );
    for (const gap of result.gaps.slice(0, 20)) {
      process.stderr.write(
        `  gap: ${gap.account} ${gap.region} ${gap.collector}: ${gap.status}${gap.error ? ` (${JSON.stringify(gap.error)})` : ''}\n`,
      );
    }
    if (result.gaps.length > 20)
      process.stderr.write(`  … ${result.gaps.length - 20} more gaps in the inventory\n`);
  }
  return result.gaps.length > 0 && !values['allow-partial'] ? EXIT.incomplete : EXIT.clean;
}
