import type { Params } from './params.js';
import type { ServiceName } from './wire/route.js';

/** Size and refill rate of a token bucket. */
export interface BucketSpec {
  burst: number;
  perSecond: number;
}

// EC2's published token buckets, per account, Region and API action (EC2 developer guide, "Request
// throttling"): Describe*/Get*/List* 100 burst at 20/s; unfiltered and unpaginated DescribeInstances or
// DescribeSnapshots 50 at 10/s; DeregisterImage, ModifyImageAttribute and DeleteSnapshot 100 at 5/s;
// CreateTags/DeleteTags 100 at 10/s; other mutations 50 at 5/s. STS allows 600 requests per second per
// account and Region in one shared bucket. Organizations and Auto Scaling do not publish theirs, so those
// sizes are our assumption.
export const EC2_DESCRIBE: BucketSpec = { burst: 100, perSecond: 20 };
export const EC2_UNPAGINATED: BucketSpec = { burst: 50, perSecond: 10 };
export const EC2_IMAGE_MUTATION: BucketSpec = { burst: 100, perSecond: 5 };
export const EC2_TAGS: BucketSpec = { burst: 100, perSecond: 10 };
export const EC2_MUTATION: BucketSpec = { burst: 50, perSecond: 5 };
export const EC2_IMAGE_BPA: BucketSpec = { burst: 1, perSecond: 0.1 };
export const STS_BUCKET: BucketSpec = { burst: 600, perSecond: 600 };
export const ORGANIZATIONS_BUCKET: BucketSpec = { burst: 20, perSecond: 10 };
export const AUTOSCALING_BUCKET: BucketSpec = { burst: 100, perSecond: 20 };

const IMAGE_MUTATIONS = new Set(['DeregisterImage', 'ModifyImageAttribute', 'DeleteSnapshot']);

/** The EC2 bucket of an action; `unpaginated` marks a call with neither filters, ids nor MaxResults. */
export function ec2Bucket(action: string, unpaginated: boolean): BucketSpec {
  if (action === 'EnableImageBlockPublicAccess' || action === 'DisableImageBlockPublicAccess')
    return EC2_IMAGE_BPA;
  if (/^(Describe|Get|List)/.test(action)) {
    return unpaginated && (action === 'DescribeInstances' || action === 'DescribeSnapshots')
      ? EC2_UNPAGINATED
      : EC2_DESCRIBE;
  }
  if (IMAGE_MUTATIONS.has(action)) return EC2_IMAGE_MUTATION;
  if (action === 'CreateTags' || action === 'DeleteTags') return EC2_TAGS;
  return EC2_MUTATION;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets keyed by (account, region, API); refilled lazily on each take. */
export class Throttler {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes one token; false when the bucket is empty (the call is throttled). */
  take(key: string, spec: BucketSpec): boolean {
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: spec.burst, at: t };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(spec.burst, b.tokens + ((t - b.at) / 1000) * spec.perSecond);
      b.at = t;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}

/** The bucket a call draws from and the key that identifies it. */
export interface BucketChoice {
  key: string;
  spec: BucketSpec;
}

/** The token bucket of a call: EC2 per (account, region, action), STS per (account, region), and so on. */
export function bucketFor(
  service: ServiceName,
  call: { action: string; account: string; region: string; params?: Params; body: string },
): BucketChoice {
  const { action, account, region } = call;
  if (service === 'ec2') {
    const unpaginated =
      call.params !== undefined &&
      !call.params.has('MaxResults') &&
      !/(^|&)(Filter|InstanceId|SnapshotId)\./.test(call.body);
    const spec = ec2Bucket(action, unpaginated);
    const bucket = spec === ec2Bucket(action, false) ? action : `${action}:unpaginated`;
    return { spec, key: `${account}|${region}|ec2|${bucket}` };
  }
  if (service === 'sts') return { spec: STS_BUCKET, key: `${account}|${region}|sts` };
  if (service === 'organizations')
    return { spec: ORGANIZATIONS_BUCKET, key: `${account}|organizations|${action}` };
  return { spec: AUTOSCALING_BUCKET, key: `${account}|${region}|autoscaling|${action}` };
}
