import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';

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
  /** Releases sockets and clients. */
  destroy(): void;
}
