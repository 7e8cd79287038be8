import { isThrottling } from './errors.js';
import { PriorityQueue } from './priority-queue.js';

/** A token bucket: `burst` tokens, refilled at `ratePerSec`. */
export interface BucketSpec {
  burst: number;
  ratePerSec: number;
}

/** Bucket sizes kept below EC2's published ones (100/20 describes, 5/s image mutations) to leave headroom. */
export const DEFAULT_BUCKETS = {
  describe: { burst: 50, ratePerSec: 15 },
  mutate: { burst: 20, ratePerSec: 4 },
  tags: { burst: 50, ratePerSec: 8 },
  /** Enable/DisableImageBlockPublicAccess: AWS allows 1 burst and 0.1/s. */
  blockPublicAccess: { burst: 1, ratePerSec: 0.08 },
  /** Organizations publishes no rate; stay low and serial-ish. */
  organizations: { burst: 5, ratePerSec: 4 },
  sts: { burst: 100, ratePerSec: 50 },
} as const satisfies Record<string, BucketSpec>;

export type BucketClass = keyof typeof DEFAULT_BUCKETS;

export interface PacerOptions {
  /** Global cap on calls in flight. */
  concurrency: number;
  buckets?: Partial<Record<BucketClass, BucketSpec>>;
  /** Clock in ms (tests pass a fake one; default Date.now, which vitest's fake timers also control). */
  now?: () => number;
}

export interface ApiStats {
  calls: number;
  attempts: number;
  throttles: number;
  errors: number;
}

/** Counters for progress and the benchmark. */
export interface PacerStats extends ApiStats {
  inFlight: number;
  /** Time spent waiting for tokens, summed over calls (ms). */
  waitedMs: number;
  byApi: Record<string, ApiStats>;
}

const ORGANIZATIONS_APIS = new Set([
  'DescribeOrganization',
  'ListAccounts',
  'ListRoots',
  'ListOrganizationalUnitsForParent',
  'ListAccountsForParent',
  'ListParents',
]);
const STS_APIS = new Set(['AssumeRole', 'GetCallerIdentity']);

/** Which bucket rules an API action follows (EC2 buckets are per action, but sizes come in classes). */
export function bucketClassOf(api: string): BucketClass {
  if (ORGANIZATIONS_APIS.has(api)) return 'organizations';
  if (STS_APIS.has(api)) return 'sts';
  if (api === 'EnableImageBlockPublicAccess' || api === 'DisableImageBlockPublicAccess')
    return 'blockPublicAccess';
  if (api === 'CreateTags' || api === 'DeleteTags') return 'tags';
  if (/^(Describe|Get|List)/.test(api)) return 'describe';
  return 'mutate';
}

/**
 * A reservation-style token bucket: each take() reserves the next token, so waiters are served in
 * order and nobody polls. Tokens may go negative; -tokens/rate is how long the newest waiter sleeps.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly spec: BucketSpec,
    private readonly now: () => number,
  ) {
    this.tokens = spec.burst;
    this.last = now();
  }

  /** Reserves one token and returns how many ms the caller must wait before using it. */
  reserve(): number {
    const t = this.now();
    this.tokens = Math.min(this.spec.burst, this.tokens + ((t - this.last) / 1000) * this.spec.ratePerSec);
    this.last = t;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.spec.ratePerSec) * 1000);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Paces AWS calls: a token bucket per (account, region, API) below EC2's refill rates, then a global
 * cap on calls in flight. Tokens are taken before a global slot so a hot account-region waiting
 * for its bucket never holds slots the other account-regions could use. Calls waiting for a slot
 * are served by priority (FIFO among equals): the scheduler ranks the per-item work of the largest
 * account-regions first, so their bucket-paced tail overlaps everything else instead of queueing
 * behind it: the wall time of a scan is that of its slowest account-region bucket.
 */
export class Pacer {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly concurrency: number;
  private active = 0;
  private readonly specs: Record<BucketClass, BucketSpec>;
  private readonly now: () => number;
  private readonly totals: ApiStats = { calls: 0, attempts: 0, throttles: 0, errors: 0 };
  private readonly byApi = new Map<string, ApiStats>();
  private readonly waiting = new PriorityQueue<() => void>();
  private waitedMs = 0;
  private stopped: Error | undefined;

  constructor(opts: PacerOptions) {
    this.concurrency = Math.max(1, opts.concurrency);
    this.specs = { ...DEFAULT_BUCKETS, ...opts.buckets };
    this.now = opts.now ?? Date.now;
  }

  /**
   * Runs fn once a token of (account, region, api) and a global slot are available; counts the call.
   * Among calls waiting for a slot, the highest `priority` goes first.
   */
  async call<T>(
    account: string,
    region: string,
    api: string,
    fn: () => Promise<T>,
    priority = 0,
  ): Promise<T> {
    if (this.stopped) throw this.stopped;
    const wait = this.bucket(account, region, api).reserve();
    if (wait > 0) {
      this.waitedMs += wait;
      await sleep(wait);
      if (this.stopped) throw this.stopped;
    }
    const stats = this.apiStats(api);
    stats.calls += 1;
    this.totals.calls += 1;
    try {
      return await this.slot(fn, priority);
    } catch (err) {
      stats.errors += 1;
      this.totals.errors += 1;
      throw err;
    }
  }

  /** Records one HTTP attempt (the SDK retries inside a call); throttled attempts are counted. */
  recordAttempt(api: string, err?: unknown): void {
    const stats = this.apiStats(api);
    stats.attempts += 1;
    this.totals.attempts += 1;
    if (err !== undefined && isThrottling(err)) {
      stats.throttles += 1;
      this.totals.throttles += 1;
    }
  }

  /** Refuses every call from now on, the queued ones too, with `reason`: an interrupted run winds down at once. */
  stop(reason: Error): void {
    this.stopped = reason;
    for (let next = this.waiting.pop(); next; next = this.waiting.pop()) next();
  }

  /** A snapshot of the counters. */
  stats(): PacerStats {
    const byApi: Record<string, ApiStats> = {};
    for (const [api, s] of [...this.byApi].sort(([a], [b]) => a.localeCompare(b))) byApi[api] = { ...s };
    return { ...this.totals, inFlight: this.active, waitedMs: this.waitedMs, byApi };
  }

  /**
   * Runs fn in a global slot: at once when one is free and nobody is waiting, else queued by
   * priority; each finished call hands its slot to the first waiter. (A hand-rolled semaphore:
   * it costs one promise per call where p-limit plus the queue cost three.)
   */
  private slot<T>(fn: () => Promise<T>, priority: number): Promise<T> {
    if (this.active < this.concurrency && this.waiting.size === 0) return this.run(fn);
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        if (this.stopped) reject(this.stopped);
        else this.run(fn).then(resolve, reject);
      }, priority);
    });
  }

  private run<T>(fn: () => Promise<T>): Promise<T> {
    this.active += 1;
    let running: Promise<T>;
    try {
      running = fn();
    } catch (err) {
      running = Promise.reject(err);
    }
    return running.finally(() => {
      this.active -= 1;
      if (this.active < this.concurrency) this.waiting.pop()?.();
    });
  }

  private bucket(account: string, region: string, api: string): TokenBucket {
    const key = `${account}\u0000${region}\u0000${api}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.specs[bucketClassOf(api)], this.now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private apiStats(api: string): ApiStats {
    let s = this.byApi.get(api);
    if (!s) {
      s = { calls: 0, attempts: 0, throttles: 0, errors: 0 };
      this.byApi.set(api, s);
    }
    return s;
  }
}
