import { USAGE_COLLECTORS } from '../../inventory/schema.js';
import type { UnusedCheck } from '../../rules/schema.js';
import type { UsageGap } from '../inventory-index.js';
import { usageVisibility } from '../visibility.js';
import { type CheckModule, creationTime, DAY_MS, daysSince, parseTime } from './types.js';

/** Evidence lists at most this many failed segments (the count is always exact). */
const MAX_LISTED_GAPS = 50;

function describeGap(g: UsageGap): string {
  const where = g.region === '*' ? g.account : `${g.account}/${g.region}`;
  return g.collector === '*' ? `${where} (${g.status})` : `${where} ${g.collector} (${g.status})`;
}

/**
 * unused, a three-state verdict:
 * - used (pass): any usage record in any account of the inventory references the AMI, or it was launched
 *   within `days` days, or it is younger than `minAgeDays` (grace);
 * - unused (open): none of that, and every account-region where the AMI is visible has usage evidence;
 * - inconclusive: it looks unused but some of that evidence is missing (a usage collector failed or did not
 *   run, the account could not be entered), or its creation date is unknown.
 */
export const unusedCheck: CheckModule<UnusedCheck> = {
  type: 'unused',
  create(check, ctx) {
    const days = check.days ?? 90;
    const minAgeDays = check.minAgeDays ?? days;
    const windowMs = days * DAY_MS;
    const graceMs = minAgeDays * DAY_MS;
    const { nowMs, index } = ctx;

    return {
      image(img, sink, position) {
        if (index.usedImageIds.has(img.imageId)) {
          sink.pass(img);
          return;
        }
        const launched = parseTime(img.lastLaunchedTime);
        if (launched !== undefined && nowMs - launched <= windowMs) {
          sink.pass(img);
          return;
        }
        const created = creationTime(index, position);
        if (created !== undefined && nowMs - created <= graceMs) {
          sink.pass(img);
          return;
        }
        const vis = usageVisibility(img, index);
        const inconclusive = created === undefined || vis.gaps.length > 0;
        const evidence: Record<string, unknown> = {
          verdict: inconclusive ? 'inconclusive' : 'unused',
          days,
          minAgeDays,
          creationDate: img.creationDate ?? null,
          ageDays: daysSince(created, nowMs) ?? null,
          lastLaunchedTime: img.lastLaunchedTime ?? null,
          usageRefs: [],
          collectors: USAGE_COLLECTORS,
          accountRegionsConsulted: vis.consulted,
          launchPermissionsKnown: vis.launchPermissionsKnown,
          failedSegmentCount: vis.gaps.length,
          failedSegments: vis.gaps.length > MAX_LISTED_GAPS ? vis.gaps.slice(0, MAX_LISTED_GAPS) : vis.gaps,
        };
        if (vis.outsideScope.length > 0) evidence.sharedOutsideScannedAccounts = vis.outsideScope;
        const launchedText =
          launched === undefined ? 'has never been launched' : `was last launched ${img.lastLaunchedTime}`;
        let message: string;
        if (created === undefined) {
          message = `AMI ${img.imageId} has no references and ${launchedText}, but its creation date is unknown, so the grace period cannot be checked`;
        } else if (vis.gaps.length > 0) {
          const shown = vis.gaps.slice(0, 3).map(describeGap).join(', ');
          const more = vis.gaps.length > 3 ? ` and ${vis.gaps.length - 3} more` : '';
          message = `AMI ${img.imageId} has no references found and ${launchedText}, but usage could not be checked in ${shown}${more}`;
        } else {
          message = `AMI ${img.imageId} is not used by any scanned account and ${launchedText} (window ${days} days)`;
        }
        sink.finding({
          subject: { type: 'ec2:image', image: img },
          status: inconclusive ? 'inconclusive' : 'open',
          message,
          evidence,
        });
      },
    };
  },
};
