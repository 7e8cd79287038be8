import { Type as T } from '@sinclair/typebox';
import { type ImageRecord, USAGE_COLLECTORS } from '../../inventory/schema.js';
import { usageVisibility } from '../../inventory/visibility.js';
import { DAY_MS, daysSince } from '../../time.js';
import { creationTime, defineCheck } from '../check.js';
import { DEFAULT_HOLD_TAG } from '../hold-tag.js';
import { boundedExec, MAX_REGEX_INPUT, namedGroups, regexIssue, userRegex } from '../regex.js';

/** Parameter defaults (the schema publishes them; the check applies them). */
const DEFAULTS = { olderThanDays: 0 } as const;

/** AMIs of one family in one account and region, as positions in inventory.images (no object per AMI). */
interface Group {
  family: string;
  members: number[];
}

/**
 * retention: within each family (per account and region — copies in other regions are separate AMIs), the
 * `keepLatest` newest AMIs are kept; each older one is a violation when it is older than `olderThanDays`,
 * not in use (a usage record references it) and not held (carries `holdTag`). AMIs without a family are not
 * evaluated. When usage evidence is missing where the AMI is visible, the verdict is inconclusive.
 */
export const retention = defineCheck({
  type: 'retention',
  title: 'Only the newest AMIs of each family are kept',
  description: `Groups AMIs into families per account and region (copies in other regions are separate AMIs):

- \`groupBy: { tag: KEY }\`: the tag's value names the family;
- \`groupBy: { namePattern: REGEX }\`: the \`family\` named group of the regex on the name (\`"^web-(?<family>[a-z]+)-"\`) names it, or the whole match when that group does not take part in the match.

Within a family, AMIs are sorted newest first by creation date; ties go to the lower image id, and undated AMIs rank oldest. The \`keepLatest\` newest are kept. An older AMI fails only when all of these hold:

- it is older than \`olderThanDays\` (default 0);
- no usage record references it (\`LastLaunchedTime\` alone does not count as use here: keeping N images is about references);
- it carries no hold tag (\`holdTag\`, default \`${DEFAULT_HOLD_TAG}\`, any value).

Held and in-use AMIs are never retention violations. AMIs without a family (no such tag, an empty tag value, no name, or a name the regex does not match) are not evaluated. When usage evidence is incomplete where the AMI is visible (the same rule as for [\`unused\`](unused.md)), the finding is inconclusive; so is an undated AMI when \`olderThanDays\` is above 0.

Regexes are tested against the first ${MAX_REGEX_INPUT} characters of a value at most: AWS caps names at 128 characters and tag values at 256, so this changes no legitimate result and bounds the cost of a pathological pattern (see [Regexes](../rule-file.md#regexes)).`,
  example: `- id: ami-retention
  title: Keep the three newest images of each family
  severity: low
  check:
    type: retention
    groupBy: { tag: ImageFamily }
    keepLatest: 3
    olderThanDays: 30
  remediation: { action: deregister, params: { deleteSnapshots: false } }`,
  resourceTypes: ['ec2:image'],
  params: T.Object(
    {
      groupBy: T.Union(
        [
          T.Object(
            { tag: T.String({ minLength: 1, description: 'tag key whose value names the family' }) },
            { additionalProperties: false },
          ),
          T.Object(
            {
              namePattern: T.String({
                minLength: 1,
                description: 'regex on the name with a (?<family>…) group that names the family',
              }),
            },
            { additionalProperties: false },
          ),
        ],
        { description: 'how AMIs form families: by a tag or by a regex on the name' },
      ),
      keepLatest: T.Integer({
        minimum: 1,
        description: 'how many of the newest AMIs of each family are kept',
      }),
      olderThanDays: T.Optional(
        T.Integer({
          minimum: 0,
          default: DEFAULTS.olderThanDays,
          description: 'an AMI beyond keepLatest fails only when older than this many days (default 0)',
        }),
      ),
      holdTag: T.Optional(
        T.String({
          minLength: 1,
          default: DEFAULT_HOLD_TAG,
          description: `tag key that keeps an AMI whatever its value (default ${DEFAULT_HOLD_TAG})`,
        }),
      ),
    },
    { additionalProperties: false },
  ),
  collectors: () => [...USAGE_COLLECTORS, 'launch-permissions'],
  remediation: { kinds: ['lifecycle', 'annotation'], irreversible: true },
  validate(params, issue) {
    const groupBy = params.groupBy;
    if (!groupBy || typeof groupBy !== 'object' || !('namePattern' in groupBy)) return;
    const re = regexIssue(groupBy.namePattern, ['groupBy', 'namePattern'], issue);
    if (re && !namedGroups(re).includes('family')) {
      issue('check.groupBy.namePattern must contain a (?<family>…) named group that names the image family', [
        'groupBy',
        'namePattern',
      ]);
    }
  },
  create(check, ctx) {
    const { nowMs, index } = ctx;
    const images = index.inventory.images;
    /** Creation time in ms; -Infinity when unknown, so undated images rank oldest. */
    const rankTime = (position: number): number => creationTime(index, position) ?? Number.NEGATIVE_INFINITY;
    const newestFirst = (a: number, b: number): number => {
      const ta = rankTime(a);
      const tb = rankTime(b);
      if (ta !== tb) return tb - ta;
      const ia = images[a].imageId;
      const ib = images[b].imageId;
      return ia < ib ? -1 : ia > ib ? 1 : 0;
    };
    const holdTag = check.holdTag ?? DEFAULT_HOLD_TAG;
    const olderThanDays = check.olderThanDays ?? DEFAULTS.olderThanDays;
    const keep = check.keepLatest;
    const groupBy = check.groupBy;
    let familyOf: (img: ImageRecord) => string | undefined;
    if ('tag' in groupBy) {
      const key = groupBy.tag;
      familyOf = (img) => {
        const v = img.tags[key];
        return v === undefined || v === '' ? undefined : v;
      };
    } else {
      const re = userRegex(groupBy.namePattern, 'groupBy.namePattern');
      familyOf = (img) => {
        if (img.name === undefined) return undefined;
        const m = boundedExec(re, img.name);
        if (!m) return undefined;
        return m.groups?.family ?? m[0];
      };
    }
    // Families by account, then region, then name: three lookups in small maps cost less than building
    // and hashing a composite key for each of a million AMIs. `groups` keeps first-seen order.
    const byAccount = new Map<string, Map<string, Map<string, Group>>>();
    const groups: Group[] = [];

    return {
      image(img, _sink, position) {
        const family = familyOf(img);
        if (family === undefined) return;
        let byRegion = byAccount.get(img.account);
        if (!byRegion) {
          byRegion = new Map();
          byAccount.set(img.account, byRegion);
        }
        let byFamily = byRegion.get(img.region);
        if (!byFamily) {
          byFamily = new Map();
          byRegion.set(img.region, byFamily);
        }
        const group = byFamily.get(family);
        if (group) group.members.push(position);
        else {
          const created = { family, members: [position] };
          byFamily.set(family, created);
          groups.push(created);
        }
      },
      finish(sink) {
        for (const { family, members } of groups) {
          if (members.length > 1) members.sort(newestFirst);
          let kept: string[] | undefined;
          for (let rank = 0; rank < members.length; rank++) {
            const position = members[rank];
            const img = images[position];
            const t = rankTime(position);
            if (rank < keep || img.tags[holdTag] !== undefined || index.usedImageIds.has(img.imageId)) {
              sink.pass(img, position);
              continue;
            }
            const known = Number.isFinite(t);
            if (known && nowMs - t <= olderThanDays * DAY_MS) {
              sink.pass(img, position);
              continue;
            }
            kept ??= members.slice(0, keep).map((m) => images[m].imageId);
            const vis = usageVisibility(img, index);
            const undated = !known && olderThanDays > 0;
            const inconclusive = undated || vis.gaps.length > 0;
            const evidence: Record<string, unknown> = {
              family,
              groupBy,
              familySize: members.length,
              rank: rank + 1,
              keepLatest: keep,
              kept,
              olderThanDays,
              creationDate: img.creationDate ?? null,
              ageDays: known ? daysSince(t, nowMs) : null,
              holdTag,
              inUse: false,
              failedSegmentCount: vis.gaps.length,
              failedSegments: vis.gaps.slice(0, 50),
            };
            let message = `AMI ${img.imageId} is number ${rank + 1} of ${members.length} in family ${JSON.stringify(family)} (${img.account}/${img.region}); only the newest ${keep} are kept`;
            if (undated) message += ', but its creation date is unknown';
            else if (vis.gaps.length > 0)
              message += `, but usage could not be checked in ${vis.gaps.length} place(s)`;
            sink.finding({
              subject: { type: 'ec2:image', image: img, position },
              status: inconclusive ? 'inconclusive' : 'open',
              message,
              evidence,
            });
          }
        }
      },
    };
  },
});
