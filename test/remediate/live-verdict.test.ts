import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/model.js';
import type { ImageRecord, SegmentRecord } from '../../src/inventory/schema.js';
import { liveCheck } from '../../src/remediate/live-verdict.js';
import { planRemediation } from '../../src/remediate/planner.js';
import { MGMT, REGION } from '../support/organization.js';
import { imageFinding, report } from './helpers.js';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const deprecate = { action: 'deprecate', params: { inDays: 14 } };

/** The steps of a findings file with one age finding per image. */
function steps(...imageIds: string[]) {
  const findings = imageIds.map((imageId) =>
    imageFinding({ imageId, ruleId: 'age', remediation: deprecate }),
  );
  return planRemediation(report(findings), { maxActions: 25 }, new Date('2026-01-01T00:00:00.000Z')).steps;
}

const image = (imageId: string) => ({ account: MGMT, region: REGION, imageId }) as ImageRecord;
const segment = (collector: SegmentRecord['collector'], status: SegmentRecord['status'], region = REGION) =>
  ({
    kind: 'segment',
    account: MGMT,
    region,
    collector,
    status,
    calls: 1,
    durationMs: 1,
    items: 0,
  }) as SegmentRecord;

function check(
  planned: ReturnType<typeof steps>,
  live: Finding[],
  images: string[],
  segments: SegmentRecord[] = [],
) {
  return liveCheck(planned, report(live), { images: images.map(image), segments }, NOW);
}

describe('liveCheck', () => {
  it('confirms a step when its rule still fails live, with the params planned from the live finding', () => {
    const planned = steps('ami-1');
    const live = imageFinding({ imageId: 'ami-1', ruleId: 'age', remediation: deprecate, message: 'live' });
    const verdict = check(planned, [live], ['ami-1'])(planned[0]);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.step.id).toBe(planned[0].id);
    expect(verdict.step.finding.message).toBe('live');
    // Planned as of the live re-evaluation, not as of the findings file.
    expect(verdict.step.params).toEqual({ deprecateAt: '2026-12-15T00:00:00.000Z' });
    expect(planned[0].params).toEqual({ deprecateAt: '2026-01-15T00:00:00.000Z' });
  });

  it('a live finding of another rule, or asking for another action, confirms nothing', () => {
    const planned = steps('ami-1');
    const other = imageFinding({ imageId: 'ami-1', ruleId: 'naming', remediation: deprecate });
    const tag = imageFinding({ imageId: 'ami-1', ruleId: 'age', remediation: { action: 'tag' } });
    expect(check(planned, [other, tag], ['ami-1'])(planned[0])).toEqual({
      ok: false,
      reason: 'rule age does not fail on the live state (re-evaluated 2026-12-01T00:00:00.000Z)',
    });
  });

  it('says when the image no longer exists', () => {
    const planned = steps('ami-1');
    expect(check(planned, [], [])(planned[0])).toEqual({
      ok: false,
      reason: 'the image no longer exists (live re-evaluation)',
    });
  });

  it.each([
    [segment('images', 'access-denied'), 'images in 111111111111/us-east-1 access-denied'],
    [segment('assume-role', 'assume-failed', '*'), 'assume-role in 111111111111/* assume-failed'],
  ])('cannot re-evaluate where the live collection has a gap (%#)', (gap, text) => {
    const planned = steps('ami-1');
    const verdict = check(planned, [], [], [segment('images', 'ok', 'eu-west-1'), gap])(planned[0]);
    expect(verdict).toEqual({ ok: false, reason: `cannot re-evaluate on the live state: ${text}` });
  });

  it('an inconclusive or suppressed live finding is not a confirmation, and says why', () => {
    const planned = steps('ami-1', 'ami-2');
    const inconclusive = imageFinding({
      imageId: 'ami-1',
      ruleId: 'age',
      remediation: deprecate,
      status: 'inconclusive',
      message: 'creation date unknown',
    });
    const suppressed = imageFinding({
      imageId: 'ami-2',
      ruleId: 'age',
      remediation: deprecate,
      status: 'suppressed',
      exception: { reason: 'kept for audit', owner: 'sec', expires: '2027-01-01' },
    });
    const verdicts = check(planned, [inconclusive, suppressed], ['ami-1', 'ami-2']);
    expect(verdicts(planned[0])).toEqual({
      ok: false,
      reason: 'live re-evaluation is inconclusive: creation date unknown',
    });
    expect(verdicts(planned[1])).toEqual({
      ok: false,
      reason: 'rule age is suppressed by an exception on the live state (kept for audit)',
    });
  });
});
