import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { Pacer } from './pacer.js';

/** How to reach AWS: shared by scan, collect and remediate. */
export interface AwsOptions {
  /** Send every service to this endpoint (emulator, moto, LocalStack). */
  endpointUrl?: string;
  /** Named profile of the standard credential chain. */
  profile?: string;
  /** Role assumed in every account other than the caller's. */
  roleName?: string;
  externalId?: string;
  /** Per-call timeout. */
  timeoutMs?: number;
  /** SDK attempts per call, throttling and 5xx included. */
  maxAttempts?: number;
  /** Global cap on AWS calls in flight. */
  concurrency?: number;
  /** Region for STS, Organizations and DescribeRegions (default AWS_REGION, else AWS_DEFAULT_REGION of `env`, else us-east-1). */
  region?: string;
  /** The environment AWS_REGION and AWS_DEFAULT_REGION are read from (the CLI passes its own; default none). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Explicit base credentials instead of the standard chain (the emulator, tests). */
  credentials?: AwsCredentialIdentity;
  /** Called after every HTTP attempt (the SDK retries inside one call); used to count throttles. */
  onAttempt?: (account: string, region: string, api: string, err?: unknown) => void;
  /**
   * Paces every read the session's clients send (describe and Organizations calls) through this
   * pacer: remediation's live re-checks. Collect paces each call itself instead, ranked per segment.
   */
  readPacer?: Pacer;
}

/**
 * One run's AWS access: one credential provider per account (one AssumeRole, refreshed before
 * expiry), one client per (account, region, service), one shared keep-alive HTTP agent.
 */
export interface AwsSession {
  /** The account of the base credentials (sts:GetCallerIdentity, cached). */
  callerAccount(): Promise<string>;
  ec2(account: string, region: string): EC2Client;
  autoScaling(account: string, region: string): AutoScalingClient;
  organizations(): OrganizationsClient;
  /** Credentials used for an account: base ones for the caller's account, else one cached AssumeRole. Rejects when the assume fails. */
  credentials(account: string): Promise<AwsCredentialIdentity>;
  /** The home region (STS, Organizations, DescribeRegions). */
  readonly region: string;
  /**
   * Forgets the account-region's clients once its work is done, so a large scan holds clients only
   * for the regions in flight; a later ec2()/autoScaling() call creates fresh ones. Optional.
   */
  release?(account: string, region: string): void;
  /** Releases sockets and clients. */
  destroy(): void;
}
