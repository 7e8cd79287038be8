/** Size and refill rate of a token bucket. */
export interface BucketSpec {
  burst: number;
  perSecond: number;
}

// AWS published sizes (see /work/shared/reference/scale.md §1.1-1.3); Organizations and Auto Scaling do
// not publish theirs, so those are our assumption.
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
