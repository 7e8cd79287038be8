import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { type ClientHooks, clientConfig, prepareClient } from './client-config.js';
import { baseCredentialsOf, callerIdentityOf, perAccountCredentials, runSessionName } from './credentials.js';
import { createRequestHandler } from './http.js';
import type { AwsOptions, AwsSession } from './types.js';

export const DEFAULT_ROLE_NAME = 'AmiAuditRole';
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Calls in flight: enough to keep one core busy signing and parsing at ~100 ms AWS latency. */
export const DEFAULT_CONCURRENCY = 64;
const DEFAULT_REGION = 'us-east-1';

/** The home region: the option, else AWS_REGION, else AWS_DEFAULT_REGION of the given environment, else us-east-1. */
export function homeRegion(opts: Pick<AwsOptions, 'region' | 'env'>): string {
  return opts.region ?? opts.env?.AWS_REGION ?? opts.env?.AWS_DEFAULT_REGION ?? DEFAULT_REGION;
}

/** One client per (account, region), made on first use and kept until released. */
function clientCache<C>(make: (account: string, region: string) => C) {
  const clients = new Map<string, C>();
  return {
    get(account: string, region: string): C {
      const key = `${account}/${region}`;
      let c = clients.get(key);
      if (!c) {
        c = make(account, region);
        clients.set(key, c);
      }
      return c;
    },
    delete: (account: string, region: string) => clients.delete(`${account}/${region}`),
    clear: () => clients.clear(),
  };
}

/**
 * Creates one run's AWS access: a shared keep-alive agent, base credentials from the standard chain
 * (or explicit ones), one AssumeRole per member account shared by all its regional clients.
 */
export function createAwsSession(opts: AwsOptions = {}): AwsSession {
  const region = homeRegion(opts);
  const requestHandler = createRequestHandler(
    opts.concurrency ?? DEFAULT_CONCURRENCY,
    opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    opts.env,
  );
  const common = (r: string) => clientConfig(opts, requestHandler, r);
  const hooks: ClientHooks = {
    ...(opts.onAttempt ? { onAttempt: opts.onAttempt } : {}),
    ...(opts.readPacer ? { readPacer: opts.readPacer } : {}),
  };

  const baseSts = new STSClient({
    ...common(region),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
  });
  const baseCredentials = baseCredentialsOf(baseSts);
  const caller = callerIdentityOf(baseSts, {
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
  });
  const credentialsFor = perAccountCredentials({
    sts: prepareClient(
      new STSClient({ ...common(region), credentials: baseCredentials }),
      '-',
      region,
      hooks,
    ),
    base: baseCredentials,
    caller,
    roleName: opts.roleName ?? DEFAULT_ROLE_NAME,
    ...(opts.externalId ? { externalId: opts.externalId } : {}),
    sessionName: runSessionName(new Date()),
  });

  const ec2 = clientCache((account, r) =>
    prepareClient(new EC2Client({ ...common(r), credentials: credentialsFor(account) }), account, r, hooks),
  );
  const autoScaling = clientCache((account, r) =>
    prepareClient(
      new AutoScalingClient({ ...common(r), credentials: credentialsFor(account) }),
      account,
      r,
      hooks,
    ),
  );
  let orgClient: OrganizationsClient | undefined;

  return {
    region,
    callerAccount: async () => (await caller()).account,
    credentials: (account) => credentialsFor(account)(),
    ec2: ec2.get,
    autoScaling: autoScaling.get,
    organizations() {
      // Organizations is a global service answered in us-east-1; the caller's credentials are used.
      orgClient ??= prepareClient(
        new OrganizationsClient({
          ...common(opts.endpointUrl ? region : DEFAULT_REGION),
          credentials: baseCredentials,
        }),
        '-',
        'global',
        hooks,
      );
      return orgClient;
    },
    release(account, r) {
      // Dropping the references is enough: client.destroy() would close the shared handler's sockets.
      ec2.delete(account, r);
      autoScaling.delete(account, r);
    },
    destroy() {
      // Clients share one handler: destroy it once rather than through each client.
      requestHandler.destroy();
      ec2.clear();
      autoScaling.clear();
    },
  };
}
