import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity } from '@smithy/types';
import { FatalAwsError } from '../errors.js';
import { describeError } from './errors.js';
import type { AwsOptions, AwsSession } from './types.js';

export const DEFAULT_ROLE_NAME = 'AmiAuditRole';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ATTEMPTS = 6;
/** Calls in flight: enough to keep one core busy signing and parsing at ~100 ms AWS latency (scale.md §6). */
export const DEFAULT_CONCURRENCY = 64;
/** Refresh assumed-role credentials this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const SESSION_SECONDS = 3600;

/** The part of a client's middleware stack used here, without the per-service input/output generics. */
interface AnyStack {
  add(
    mw: (
      next: (a: unknown) => Promise<unknown>,
      context: { commandName?: string },
    ) => (args: unknown) => Promise<unknown>,
    options: { step: 'finalizeRequest'; priority: 'low'; name: string },
  ): void;
}

type CredentialSource = () => Promise<AwsCredentialIdentity>;

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

type SignerFactory = (authScheme?: { signingRegion?: string; signingName?: string }) => Promise<unknown>;

/**
 * Makes a client reuse one request signer. The SDK's default `signer` config builds a new SignatureV4
 * for every request, copying the whole resolved client config into it (a few % of a call's CPU).
 * A signer holds no per-request state: it reads credentials through the client's provider on each
 * sign, so refreshed credentials still apply. One signer is kept per signing region and service.
 * (Assigning `client.config.credentials` afterwards would not reach a signer already built; the
 * session never does.)
 */
export function reuseSigner(client: { config: unknown }): void {
  const config = client.config as { signer?: SignerFactory };
  const make = config.signer;
  if (typeof make !== 'function') return;
  const signers = new Map<string, Promise<unknown>>();
  config.signer = (authScheme) => {
    const key = `${authScheme?.signingRegion ?? ''}/${authScheme?.signingName ?? ''}`;
    let signer = signers.get(key);
    if (!signer) {
      signer = make(authScheme);
      // A failed construction is not kept: the next request tries again.
      signer.catch(() => signers.delete(key));
      signers.set(key, signer);
    }
    return signer;
  };
}

interface ClientCommon {
  region: string;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'standard';
  requestHandler: NodeHttpHandler;
  cacheMiddleware: true;
}

// The pinned SDK warns on every run under Node 20 about releases amiaudit does not use; the warning
// is noise in our output (set the variable to "false" to see it).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * Creates one run's AWS access: a shared keep-alive agent, base credentials from the standard chain
 * (or explicit ones), one AssumeRole per member account shared by all its regional clients.
 */
export function createAwsSession(opts: AwsOptions = {}): AwsSession {
  const region = opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const agentOptions = { keepAlive: true, maxSockets: concurrency, maxTotalSockets: concurrency };
  const requestHandler = new NodeHttpHandler({
    httpAgent: new HttpAgent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
    connectionTimeout: Math.min(timeoutMs, 10_000),
    requestTimeout: timeoutMs,
    throwOnRequestTimeout: true,
  });
  const common = (r: string): ClientCommon => ({
    region: r,
    ...(opts.endpointUrl ? { endpoint: opts.endpointUrl } : {}),
    maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'standard',
    requestHandler,
    // Resolve each command's middleware chain once per client instead of on every send (a sort and
    // ~30 closures per call); the stacks are never modified after a client's first send.
    cacheMiddleware: true,
  });

  const observe = <C extends { destroy(): void; config: unknown }>(
    client: C,
    account: string,
    r: string,
  ): C => {
    const onAttempt = opts.onAttempt;
    if (onAttempt) {
      // finalizeRequest at low priority runs inside the retry middleware: once per HTTP attempt.
      (client as unknown as { middlewareStack: AnyStack }).middlewareStack.add(
        (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => {
          // The handler is built once per client and command (cacheMiddleware): name the API once.
          const api = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
          return async (args: unknown) => {
            try {
              const out = await next(args);
              onAttempt(account, r, api, undefined);
              return out;
            } catch (err) {
              onAttempt(account, r, api, err);
              throw err;
            }
          };
        },
        { step: 'finalizeRequest', priority: 'low', name: 'amiauditAttemptObserver' },
      );
    }
    reuseSigner(client);
    return client;
  };

  // The base STS client resolves the standard chain (env, profile, SSO, IMDS…) once; every other
  // client reuses its memoized provider instead of re-reading config files (EMFILE at scale).
  const baseSts = new STSClient({
    ...common(region),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
  });
  const baseCredentials = memoizeCredentials(async () => {
    const provider = baseSts.config.credentials as unknown as () => Promise<AwsCredentialIdentity>;
    return provider();
  });

  let caller: Promise<string> | undefined;
  const callerAccount = (): Promise<string> => {
    caller ??= baseSts.send(new GetCallerIdentityCommand({})).then(
      (out) => {
        if (!out.Account) throw new FatalAwsError('sts:GetCallerIdentity returned no account');
        return out.Account;
      },
      (err) => {
        // A refused or unresolvable endpoint is not a credentials problem: say which one it is.
        const what = isNetworkError(err)
          ? `cannot reach AWS STS${opts.endpointUrl ? ` at ${opts.endpointUrl}` : ''}`
          : 'cannot use the AWS credentials';
        throw new FatalAwsError(`${what}: ${describeError(err)}`, { cause: err });
      },
    );
    return caller;
  };

  const assumeSts = observe(new STSClient({ ...common(region), credentials: baseCredentials }), '-', region);
  const roleName = opts.roleName ?? DEFAULT_ROLE_NAME;
  const perAccount = new Map<string, CredentialSource>();
  const credentialsFor = (account: string): CredentialSource => {
    let source = perAccount.get(account);
    if (!source) {
      source = memoizeCredentials(async () => {
        if (account === (await callerAccount())) return baseCredentials();
        const out = await assumeSts.send(
          new AssumeRoleCommand({
            RoleArn: `arn:aws:iam::${account}:role/${roleName}`,
            RoleSessionName: 'amiaudit',
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
      });
      perAccount.set(account, source);
    }
    return source;
  };

  const ec2Clients = new Map<string, EC2Client>();
  const asgClients = new Map<string, AutoScalingClient>();
  let orgClient: OrganizationsClient | undefined;

  return {
    region,
    callerAccount,
    credentials: (account) => credentialsFor(account)(),
    ec2(account, r) {
      const key = `${account}/${r}`;
      let c = ec2Clients.get(key);
      if (!c) {
        c = observe(new EC2Client({ ...common(r), credentials: credentialsFor(account) }), account, r);
        ec2Clients.set(key, c);
      }
      return c;
    },
    autoScaling(account, r) {
      const key = `${account}/${r}`;
      let c = asgClients.get(key);
      if (!c) {
        c = observe(
          new AutoScalingClient({ ...common(r), credentials: credentialsFor(account) }),
          account,
          r,
        );
        asgClients.set(key, c);
      }
      return c;
    },
    organizations() {
      // Organizations is a global service answered in us-east-1; the caller's credentials are used.
      orgClient ??= observe(
        new OrganizationsClient({
          ...common(opts.endpointUrl ? region : 'us-east-1'),
          credentials: baseCredentials,
        }),
        '-',
        'global',
      );
      return orgClient;
    },
    release(account, r) {
      // Dropping the references is enough: client.destroy() would close the shared handler's sockets.
      const key = `${account}/${r}`;
      ec2Clients.delete(key);
      asgClients.delete(key);
    },
    destroy() {
      // Clients share one handler: destroy it once rather than through each client.
      requestHandler.destroy();
      ec2Clients.clear();
      asgClients.clear();
    },
  };
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
