import { DEFAULT_CONCURRENCY, DEFAULT_ROLE_NAME, DEFAULT_TIMEOUT_MS } from '../aws/session.js';
import type { AwsOptions } from '../aws/types.js';
import { parseRegions, type RegionRequest } from '../collect/regions.js';
import { parseShard, type TargetOptions } from '../collect/targets.js';
import { UsageError } from '../errors.js';
import { list, positiveInt } from './options.js';

/** How to reach AWS: the options every AWS command (scan, collect, remediate, undo) takes. */
export const AWS_SESSION_OPTIONS = {
  'role-name': { type: 'string' },
  'external-id': { type: 'string' },
  'endpoint-url': { type: 'string' },
  profile: { type: 'string' },
  concurrency: { type: 'string' },
  'timeout-ms': { type: 'string' },
} as const;

/** AWS targeting options of scan and collect: which accounts and regions to read. */
export const AWS_OPTIONS = {
  org: { type: 'boolean' },
  accounts: { type: 'string' },
  'exclude-accounts': { type: 'string' },
  ou: { type: 'string' },
  regions: { type: 'string' },
  shard: { type: 'string' },
  ...AWS_SESSION_OPTIONS,
} as const;

/**
 * AWS options remediate and undo accept: the session options, and --org (remediate reads the
 * organization with it); targeting by account list or shard makes no sense for a findings file.
 */
export const REMEDIATE_AWS_OPTIONS = {
  org: AWS_OPTIONS.org,
  ...AWS_SESSION_OPTIONS,
} as const;

/** Help text of the AWS options of scan and collect. */
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

type Values<O extends Record<string, { type: 'string' | 'boolean' }>> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

/** The one parser of the AWS session options: validates --endpoint-url, --concurrency and --timeout-ms. */
export function awsSessionOptions(values: Values<typeof AWS_SESSION_OPTIONS>): AwsOptions {
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
  return {
    concurrency: positiveInt('concurrency', values.concurrency, DEFAULT_CONCURRENCY),
    timeoutMs: positiveInt('timeout-ms', values['timeout-ms'], DEFAULT_TIMEOUT_MS),
    ...(endpointUrl ? { endpointUrl } : {}),
    ...(values.profile ? { profile: values.profile } : {}),
    ...(values['role-name'] ? { roleName: values['role-name'] } : {}),
    ...(values['external-id'] ? { externalId: values['external-id'] } : {}),
  };
}

/** What the AWS options of scan and collect turn into. */
export interface ParsedAwsArgs {
  aws: AwsOptions;
  targets: TargetOptions;
  regions: RegionRequest;
}

/** Turns parsed AWS_OPTIONS values into session, target and region options. */
export function awsArgs(values: Values<typeof AWS_OPTIONS>): ParsedAwsArgs {
  const aws = awsSessionOptions(values);
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
