import {
  AUTOSCALING_BUCKET,
  type BucketSpec,
  ec2Bucket,
  ORGANIZATIONS_BUCKET,
  STS_BUCKET,
} from '../src/emulator/throttle.js';

/** Successful HTTP attempts per API in one account-region (throttled attempts take no token). */
export type CallCounts = Map<string, number>;

const AUTOSCALING_APIS = new Set([
  'DescribeAutoScalingGroups',
  'DescribeLaunchConfigurations',
  'UpdateAutoScalingGroup',
]);
const ORGANIZATIONS_APIS = /^(Describe|List)(Organization|Accounts|Roots|OrganizationalUnits|Parents)/;

/** The emulator's bucket (= AWS's published size) for an API, as the emulator applies it to paginated calls. */
export function bucketFloor(api: string): BucketSpec {
  if (api === 'AssumeRole' || api === 'GetCallerIdentity') return STS_BUCKET;
  if (ORGANIZATIONS_APIS.test(api)) return ORGANIZATIONS_BUCKET;
  if (AUTOSCALING_APIS.has(api)) return AUTOSCALING_BUCKET;
  return ec2Bucket(api, false);
}

export interface FloorInput {
  /** `account/region` → calls per API. */
  perAccountRegion: Map<string, CallCounts>;
  /** HTTP attempts of the whole run, throttled ones included (each costs a round trip and CPU). */
  attempts: number;
  concurrency: number;
  meanLatencyMs: number;
  /** Main-thread CPU per call with no latency and no throttling (calibration): the single-threaded work. */
  cpuMsPerCall: number;
  bucket: (api: string) => BucketSpec;
}

export interface AccountRegionFloor {
  key: string;
  /** Calls that must run one after another: AssumeRole, DescribeRegions, image pages, then the N+1 or snapshot chain. */
  depth: number;
  /** Longest (n − burst) / refill over the region's APIs, in ms. */
  tailMs: number;
  tailApi: string;
  floorMs: number;
}

export interface FloorModel {
  bucketMs: number;
  latencyMs: number;
  cpuMs: number;
  floorMs: number;
  binding: 'bucket' | 'latency' | 'cpu';
  slowest?: AccountRegionFloor;
  attempts: number;
  cpuMsPerCall: number;
}

/** The floor of one account-region under AWS's token buckets: its dependent chain of round trips plus its longest bucket tail. */
export function accountRegionFloor(
  key: string,
  calls: CallCounts,
  meanLatencyMs: number,
  bucket: (api: string) => BucketSpec,
): AccountRegionFloor {
  const n = (api: string) => calls.get(api) ?? 0;
  const imagesChain =
    n('DescribeImages') +
    Math.max(
      n('DescribeImageAttribute') > 0 ? 1 : 0,
      n('DescribeSnapshots') + (n('DescribeSnapshotAttribute') > 0 ? 1 : 0),
    );
  const depth = 2 + imagesChain;
  let tailMs = 0;
  let tailApi = '-';
  for (const [api, count] of calls) {
    const spec = bucket(api);
    const t = (Math.max(0, count - spec.burst) / spec.perSecond) * 1000;
    if (t > tailMs) {
      tailMs = t;
      tailApi = api;
    }
  }
  return { key, depth, tailMs, tailApi, floorMs: depth * meanLatencyMs + tailMs };
}

/**
 * The model floor of a scan: the largest of (a) the slowest account-region under its buckets,
 * (b) every attempt's round trip spread over the concurrency, (c) every attempt's main-thread CPU
 * (SigV4, serialisation, XML parsing run on one JavaScript thread) as measured by the calibration.
 * Each is a lower bound on its own; the floor is their maximum.
 */
export function modelFloor(input: FloorInput): FloorModel {
  let slowest: AccountRegionFloor | undefined;
  for (const [key, calls] of input.perAccountRegion) {
    // Organizations and STS calls are keyed by the caller ("-"); their buckets are account-wide.
    const f = accountRegionFloor(key, calls, input.meanLatencyMs, input.bucket);
    if (key.startsWith('-/')) f.depth = 0;
    f.floorMs = f.depth * input.meanLatencyMs + f.tailMs;
    if (!slowest || f.floorMs > slowest.floorMs) slowest = f;
  }
  const bucketMs = slowest?.floorMs ?? 0;
  const latencyMs = (input.attempts * input.meanLatencyMs) / input.concurrency;
  const cpuMs = input.attempts * input.cpuMsPerCall;
  const floorMs = Math.max(bucketMs, latencyMs, cpuMs);
  const binding = floorMs === cpuMs ? 'cpu' : floorMs === latencyMs ? 'latency' : 'bucket';
  return {
    bucketMs,
    latencyMs,
    cpuMs,
    floorMs,
    binding,
    ...(slowest ? { slowest } : {}),
    attempts: input.attempts,
    cpuMsPerCall: input.cpuMsPerCall,
  };
}
