import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { BASE_CREDENTIALS } from './emulator.js';
import { REGION, ROLE } from './organization.js';

export type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** SDK client config pointing at the emulator; one attempt, so a fault shows as the error itself. */
export function config(url: string, credentials: Credentials = BASE_CREDENTIALS, region = REGION) {
  return { endpoint: url, region, credentials, maxAttempts: 1 };
}

export const ec2 = (url: string, creds?: Credentials, region?: string) =>
  new EC2Client(config(url, creds, region));
export const sts = (url: string, creds?: Credentials) => new STSClient(config(url, creds));
export const orgs = (url: string, creds?: Credentials) => new OrganizationsClient(config(url, creds));
export const autoscaling = (url: string, creds?: Credentials, region?: string) =>
  new AutoScalingClient(config(url, creds, region));

export interface AssumeOptions {
  role?: string;
  sessionName?: string;
  externalId?: string;
}

/** Session credentials for `account`, assumed through the emulator's STS with the base credentials. */
export async function assumeRole(
  url: string,
  account: string,
  { role = ROLE, sessionName = 'test', externalId }: AssumeOptions = {},
): Promise<Required<Credentials>> {
  const out = await sts(url).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${account}:role/${role}`,
      RoleSessionName: sessionName,
      ExternalId: externalId,
    }),
  );
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}
