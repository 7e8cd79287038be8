import { Pacer, TokenBucket } from '../aws/pacer.js';
import { DEFAULT_CONCURRENCY } from '../aws/session.js';

/** Mutations per second per account-region: below EC2's image mutation bucket (5/s refill). */
export const MUTATIONS_PER_SECOND = 4;
/** A small burst: EC2's mutation buckets hold more, and other tools share them. */
export const MUTATION_BURST = 4;

/** Returns pace(account, region): waits for a mutation token of that account-region (one bucket each). */
export function mutationPacer(
  ratePerSec = MUTATIONS_PER_SECOND,
  now: () => number = Date.now,
): (account: string, region: string) => Promise<void> {
  const buckets = new Map<string, TokenBucket>();
  return async (account, region) => {
    const key = `${account}/${region}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket({ burst: MUTATION_BURST, ratePerSec }, now);
      buckets.set(key, bucket);
    }
    const wait = bucket.reserve();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };
}

/**
 * The pacer of remediation's live reads (the session's `readPacer`): a scan's describe and
 * Organizations buckets per (account, region, API) and its global cap on calls in flight, so the
 * re-checks of a long plan stay below AWS's rates like a scan does.
 */
export function readPacer(concurrency = DEFAULT_CONCURRENCY): Pacer {
  return new Pacer({ concurrency });
}
