import type { Pacer } from '../aws/pacer.js';
import type { AwsSession } from '../aws/types.js';
import type { SegmentRecord } from '../inventory/schema.js';
import { accountRegions, planRegions, type RegionRequest } from './regions.js';
import { runSegment, Segment } from './segment.js';
import type { Targets } from './targets.js';

/** One account's part of a collection: the regions to scan, the ones asked for and not enabled, and its account-level segments. */
export interface AccountPlan {
  account: string;
  scan: string[];
  disabled: string[];
  segments: SegmentRecord[];
  /** Every region DescribeRegions(AllRegions) listed for the account, when it answered. */
  known?: string[];
}

/** Assumes into the account and finds its regions; a failed assume ends the account with one gap. */
export async function prepareAccount(
  session: AwsSession,
  pacer: Pacer,
  request: RegionRequest,
  targets: Targets,
  account: string,
): Promise<AccountPlan> {
  const segments: SegmentRecord[] = [];
  if (account !== targets.callerAccount) {
    const seg = new Segment(session, pacer, account, '*', 'assume-role');
    const rec = await runSegment(seg, async (s) => {
      await s.call('AssumeRole', () => session.credentials(account));
      s.items = 1;
    });
    if (rec.status !== 'ok') {
      segments.push({ ...rec, status: 'assume-failed' });
      return { account, scan: [], disabled: [], segments };
    }
    segments.push(rec);
  }
  let listed: { enabled: string[]; known: string[] } | undefined;
  const rec = await runSegment(new Segment(session, pacer, account, '*', 'regions'), async (s) => {
    listed = await accountRegions(s);
  });
  // With an explicit --regions list the scan can go on without DescribeRegions: the regions are
  // tried anyway and a disabled one fails with OptInRequired. Without a list nothing can be scanned.
  if (rec.status === 'ok' || request === 'all') segments.push(rec);
  const { scan, disabled } = planRegions(request, listed?.enabled);
  return { account, scan, disabled, segments, ...(listed ? { known: listed.known } : {}) };
}
