import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { Pacer } from '../../src/aws/pacer.js';
import type { AwsSession } from '../../src/aws/types.js';
import { Segment } from '../../src/collect/segment.js';
import type { Collector } from '../../src/inventory/schema.js';
import { MGMT, PROD, REGION } from '../support/organization.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' };

/** A session whose clients aws-sdk-client-mock intercepts (no network). */
export function fakeSession(caller = MGMT): AwsSession {
  const opts = { region: REGION, credentials, maxAttempts: 1 };
  return {
    region: REGION,
    callerAccount: async () => caller,
    credentials: async () => credentials,
    ec2: (_a, region) => new EC2Client({ ...opts, region }),
    autoScaling: (_a, region) => new AutoScalingClient({ ...opts, region }),
    organizations: () => new OrganizationsClient(opts),
    destroy: () => undefined,
  };
}

/** A segment of PROD in the home region, with an unthrottled pacer. */
export function fakeSegment(collector: Collector, session = fakeSession()): Segment {
  const pacer = new Pacer({ concurrency: 8, buckets: { describe: { burst: 10_000, ratePerSec: 10_000 } } });
  return new Segment(session, pacer, PROD, REGION, collector);
}
