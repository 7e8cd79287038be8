import { randomBytes } from 'node:crypto';
import { AssumeRoleCommand, GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { FatalAwsError } from '../errors.js';
import { describeError } from './errors.js';

/** Refresh assumed-role credentials this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const SESSION_SECONDS = 3600;

export type CredentialSource = () => Promise<AwsCredentialIdentity>;

/** Caches a credential source until shortly before its expiry; concurrent callers share one fetch. */
export function memoizeCredentials(source: CredentialSource, now: () => number = Date.now): CredentialSource {
  let current: Promise<AwsCredentialIdentity> | undefined;
  let expiresAt = Number.POSITIVE_INFINITY;
  return () => {
    if (current && now() < expiresAt - REFRESH_MARGIN_MS) return current;
    const fetching = source().then(
      (creds) => {
        expiresAt = creds.expiration ? creds.expiration.getTime() : Number.POSITIVE_INFINITY;
        return creds;
      },
      (err) => {
        // A failed fetch is not cached as a success, but it is remembered for this run: one assume per account.
        expiresAt = Number.POSITIVE_INFINITY;
        throw err;
      },
    );
    current = fetching;
    expiresAt = Number.POSITIVE_INFINITY;
    return fetching;
  };
}

/**
 * The base credentials: the STS client resolves the standard chain (env, profile, SSO, IMDS…) once;
 * every other client reuses this memoized provider instead of re-reading config files (EMFILE at scale).
 */
export function baseCredentialsOf(baseSts: STSClient): CredentialSource {
  return memoizeCredentials(async () => {
    const provider = baseSts.config.credentials as unknown as CredentialSource;
    return provider();
  });
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ETIMEDOUT',
]);

/** True when the call never got an answer from a server (connection refused, DNS failure, …). */
function isNetworkError(err: unknown): boolean {
  const e = err as { code?: string; errno?: string; cause?: { code?: string } } | undefined;
  return [e?.code, e?.errno, e?.cause?.code].some((c) => c !== undefined && NETWORK_CODES.has(c));
}

const TLS_TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
]);

/** True when the TLS certificate of the endpoint (or of a TLS-inspecting proxy) is signed by a CA Node does not trust. */
function isUntrustedCertificate(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | undefined;
  return [e?.code, e?.cause?.code].some((c) => c !== undefined && TLS_TRUST_CODES.has(c));
}

/** True when the endpoint answered, but not in the AWS wire format (a web server, a proxy's login page). */
function isNotAws(err: unknown): boolean {
  const e = err as { message?: string; $response?: unknown } | undefined;
  return (
    e?.$response !== undefined ||
    /Deserialization error|XML parse error|Unexpected token/.test(e?.message ?? '')
  );
}

/** Why the base credentials could not be used, in words that point at what to fix. */
function callerFailure(err: unknown, where: { endpointUrl?: string; profile?: string }): string {
  if (isUntrustedCertificate(err)) {
    return `cannot reach AWS STS${where.endpointUrl ? ` at ${where.endpointUrl}` : ''}: its TLS certificate is signed by a CA this machine does not trust (${describeError(err)}); behind a TLS-inspecting proxy, set AWS_CA_BUNDLE to your CA's PEM file`;
  }
  if (isNetworkError(err)) {
    return `cannot reach AWS STS${where.endpointUrl ? ` at ${where.endpointUrl}` : ''}: ${describeError(err)}`;
  }
  if (where.endpointUrl && isNotAws(err)) {
    const status = (err as { $response?: { statusCode?: number } }).$response?.statusCode;
    return `${where.endpointUrl} did not answer like AWS STS (sts:GetCallerIdentity${status ? `, HTTP ${status}` : ''}): is it an AWS endpoint or emulator?`;
  }
  const e = err as { name?: string; message?: string };
  if (e?.name === 'CredentialsProviderError' || /credentials/i.test(e?.message ?? '')) {
    const from = where.profile
      ? `profile "${where.profile}"`
      : 'the standard credential chain (environment, profile, SSO, instance role)';
    return `cannot load AWS credentials from ${from}: ${e.message ?? String(err)}`;
  }
  return `cannot use the AWS credentials: ${describeError(err)}`;
}

/** Who the base credentials are: their account and the ARN partition they act in. */
export interface CallerIdentity {
  account: string;
  /** `aws`, `aws-us-gov`, `aws-cn`: every ARN the run builds uses it, never a hard-coded `arn:aws`. */
  partition: string;
}

/** The partition of an ARN (`arn:PARTITION:…`); undefined when it is not an ARN. */
export function partitionOfArn(arn: string | undefined): string | undefined {
  return /^arn:(aws[a-z-]*):/.exec(arn ?? '')?.[1];
}

/** The identity of the base credentials (sts:GetCallerIdentity, asked once); failures are fatal. */
export function callerIdentityOf(
  baseSts: STSClient,
  where: { endpointUrl?: string; profile?: string },
): () => Promise<CallerIdentity> {
  let caller: Promise<CallerIdentity> | undefined;
  return () => {
    caller ??= baseSts.send(new GetCallerIdentityCommand({})).then(
      (out) => {
        if (!out.Account) throw new FatalAwsError('sts:GetCallerIdentity returned no account');
        const partition = partitionOfArn(out.Arn);
        if (!partition)
          throw new FatalAwsError(
            `sts:GetCallerIdentity returned no ARN partition (Arn ${JSON.stringify(out.Arn)})`,
          );
        return { account: out.Account, partition };
      },
      (err) => {
        throw new FatalAwsError(callerFailure(err, where), { cause: err });
      },
    );
    return caller;
  };
}

export interface AssumeRoleOptions {
  /** STS client that signs the AssumeRole calls with the base credentials. */
  sts: STSClient;
  base: CredentialSource;
  caller: () => Promise<CallerIdentity>;
  roleName: string;
  externalId?: string;
  /** RoleSessionName of every AssumeRole (CloudTrail shows it as the session of each call). */
  sessionName: string;
}

/** The ARN of the audit role in an account, in the caller's partition. */
export function roleArn(partition: string, account: string, roleName: string): string {
  return `arn:${partition}:iam::${account}:role/${roleName}`;
}

/** An identifiable RoleSessionName for one run: `amiaudit-<UTC time>-<random>` (at most 64 characters). */
export function runSessionName(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `amiaudit-${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * Returns the credential source of each account, made once and kept: the base credentials for the
 * caller's own account, else one AssumeRole into `roleName`, refreshed before it expires.
 */
export function perAccountCredentials(opts: AssumeRoleOptions): (account: string) => CredentialSource {
  const sources = new Map<string, CredentialSource>();
  const assume = async (account: string): Promise<AwsCredentialIdentity> => {
    const caller = await opts.caller();
    if (account === caller.account) return opts.base();
    const out = await opts.sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn(caller.partition, account, opts.roleName),
        RoleSessionName: opts.sessionName,
        DurationSeconds: SESSION_SECONDS,
        ...(opts.externalId ? { ExternalId: opts.externalId } : {}),
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey)
      throw new Error(`AssumeRole into ${account} returned no credentials`);
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  };
  return (account) => {
    let source = sources.get(account);
    if (!source) {
      source = memoizeCredentials(() => assume(account));
      sources.set(account, source);
    }
    return source;
  };
}
