import type { AwsCall } from '../aws/call.js';
import { describeError, segmentStatusOf } from '../aws/errors.js';
import type { Pacer } from '../aws/pacer.js';
import type { AwsSession } from '../aws/types.js';
import type { Collector, SegmentRecord } from '../inventory/schema.js';

/**
 * The scheduling rank of a segment's calls, read when each call queues for a global slot. Segments of
 * one account-region share one rank so the scheduler can raise it once the region's size is known.
 */
export interface Rank {
  priority: number;
}

/** One collector run in one account-region: paces and counts its calls. */
export class Segment {
  calls = 0;
  items = 0;

  constructor(
    readonly session: AwsSession,
    readonly pacer: Pacer,
    readonly account: string,
    readonly region: string,
    readonly collector: Collector,
    readonly rank: Rank = { priority: 0 },
  ) {}

  /** Makes one paced AWS call on behalf of this segment (a bound AwsCall: the aws/ reads take it as is). */
  readonly call: AwsCall = (api, fn) => {
    this.calls += 1;
    return this.pacer.call(this.account, this.region, api, fn, this.rank.priority);
  };
}

/** Runs a collector body and turns its outcome (or error) into the segment record. */
export async function runSegment(
  seg: Segment,
  body: (seg: Segment) => Promise<void>,
): Promise<SegmentRecord> {
  const started = performance.now();
  const record = (status: SegmentRecord['status'], error?: string): SegmentRecord => ({
    kind: 'segment',
    account: seg.account,
    region: seg.region,
    collector: seg.collector,
    status,
    ...(error ? { error } : {}),
    calls: seg.calls,
    durationMs: Math.round(performance.now() - started),
    items: seg.items,
  });
  try {
    await body(seg);
    return record('ok');
  } catch (err) {
    return record(segmentStatusOf(err), describeError(err));
  }
}
