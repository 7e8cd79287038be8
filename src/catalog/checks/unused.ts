import { Type as T } from '@sinclair/typebox';
import type { UsageGap } from '../../inventory/inventory-index.js';
import { USAGE_COLLECTORS } from '../../inventory/schema.js';
import { usageVisibility } from '../../inventory/visibility.js';
import { DAY_MS, daysSince, parseTime } from '../../time.js';
import { creationTime, defineCheck } from '../check.js';

/** Parameter defaults (the schema publishes them; the check applies them). */
const DEFAULTS = { days: 90 } as const;

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
export const unused = defineCheck({
  type: 'unused',
  title: 'AMIs nobody uses are found, with a three-state verdict',
  description: `A three-state verdict, reached in this order:

1. **used** (a pass) when any usage record in *any* account of the inventory references the AMI — an instance that is not terminated, a launch template \`$Default\` or \`$Latest\` version, a launch configuration, or an auto scaling group through its launch template, its mixed-instances template and each override's template, or its launch configuration — or its \`LastLaunchedTime\` is within \`days\` days, or it is younger than \`minAgeDays\` (a grace period for new AMIs). Proof of use always wins, even when other collectors failed.
2. **inconclusive** when it looks unused but the usage evidence is incomplete somewhere the AMI is *visible*, or its creation date is unknown (so the grace period cannot be checked). Never a violation.
3. **unused** (an open finding) otherwise. An AMI that was never launched counts as not launched.

*Visible* means the account-regions that could be using the AMI. AMIs are regional, so all of them are in the AMI's own region:

- its own account;
- every scanned account it is shared with: explicit account ids; for an organization ARN of the scanned organization, every account of it; for an OU ARN of the scanned organization, every account under that OU, nested OUs included;
- every scanned account when the AMI is public, or when its launch permissions were not collected. This is conservative: it can only make a verdict inconclusive, never unused.

Who can launch the AMI decides whose usage data the verdict depends on, which is why the launch permissions are collected too. *Scanned* means the inventory's requested accounts, or the organization's accounts when no list was requested. Shares with accounts or organizations outside that set cannot be checked; they are listed in \`evidence.sharedOutsideScannedAccounts\`.

The evidence of one visible account-region is incomplete when an account-level segment (\`assume-role\`, \`regions\`) failed; when the account has no segment at all (it was never collected, e.g. a shard that was not merged); or when a usage collector (\`instances\`, \`launch-templates\`, \`launch-configurations\`, \`auto-scaling-groups\`) failed there or has no segment there. A launch template version whose image is a \`resolve:ssm:\` parameter is resolved; one that cannot be resolved fails its segment, so the verdicts it could affect are inconclusive, never unused. A \`region-disabled\` segment is proof rather than a gap: nothing can run in a region that is not enabled.

The evidence lists \`accountRegionsConsulted\`, \`collectors\`, \`usageRefs\`, \`lastLaunchedTime\`, \`failedSegments\` (at most ${MAX_LISTED_GAPS}; \`failedSegmentCount\` is exact) and \`verdict\` (\`unused\` or \`inconclusive\`). Remediation acts only on \`verdict: unused\`.`,
  example: `- id: ami-unused
  title: Unused AMIs are cleaned up
  severity: low
  check: { type: unused, days: 90, minAgeDays: 30 }
  remediation: { action: deprecate, params: { inDays: 30 } }`,
  resourceTypes: ['ec2:image'],
  params: T.Object(
    {
      days: T.Optional(
        T.Integer({
          minimum: 1,
          default: DEFAULTS.days,
          description: 'launch window in days: an AMI launched within it is in use (default 90)',
        }),
      ),
      minAgeDays: T.Optional(
        T.Integer({
          minimum: 0,
          description: 'grace period for new AMIs in days: a younger AMI passes (default: `days`)',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  // Who can launch the AMI decides which accounts' usage data the verdict depends on; without the share
  // list every usage gap in the region would make the verdict inconclusive.
  collectors: () => [...USAGE_COLLECTORS, 'launch-permissions'],
  remediation: { kinds: ['lifecycle', 'annotation'], irreversible: true },
  create(check, ctx) {
    const days = check.days ?? DEFAULTS.days;
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
});
