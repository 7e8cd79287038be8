import { describe, expect, it } from 'vitest';
import type { CheckOf } from '../../src/catalog/check-registry.js';
import type { ImageRecord } from '../../src/inventory/schema.js';
import { MGMT, PROD } from '../support/organization.js';
import { usageRecord as usage } from '../support/records.js';

type RetentionCheck = CheckOf<'retention'>;

import {
  daysAgo,
  failSegment,
  findingOf,
  image,
  inventory,
  okSegments,
  rule,
  run,
  statusOf,
} from './helpers.js';

const byTag: RetentionCheck = { type: 'retention', groupBy: { tag: 'Family' }, keepLatest: 2 };

/** Four AMIs of one family in one account-region, newest first: ages 1, 10, 20, 30 days. */
function family(name = 'web', over: Partial<ImageRecord> = {}): ImageRecord[] {
  return [1, 10, 20, 30].map((d) => image({ creationDate: daysAgo(d), tags: { Family: name }, ...over }));
}

describe('retention check', () => {
  it('keeps the newest keepLatest of a family and flags the older ones', () => {
    const imgs = family();
    const report = run(inventory({ images: imgs }), [rule(byTag)]);
    expect(imgs.map((i) => statusOf(report, i.imageId))).toEqual(['pass', 'pass', 'open', 'open']);
    const f = findingOf(report, imgs[2].imageId);
    expect(f.evidence).toMatchObject({ family: 'web', familySize: 4, rank: 3, keepLatest: 2 });
    expect(f.evidence.kept).toEqual([imgs[0].imageId, imgs[1].imageId]);
    expect(report.summary.byRule[0].evaluated).toBe(4);
  });

  it('counts families per account and region', () => {
    const here = family('web').slice(0, 2);
    const otherRegion = family('web', { region: 'eu-west-1' }).slice(0, 2);
    const otherAccount = family('web', { account: PROD }).slice(0, 2);
    const report = run(inventory({ images: [...here, ...otherRegion, ...otherAccount] }), [rule(byTag)]);
    expect(report.findings).toEqual([]);
  });

  it('never flags an AMI with the hold tag, or one in use', () => {
    const imgs = family();
    imgs[2].tags['amiaudit:hold'] = 'legal';
    const report = run(inventory({ images: imgs, usage: [usage(imgs[3].imageId, PROD)] }), [rule(byTag)]);
    expect(report.findings).toEqual([]);
  });

  it('honours a custom hold tag', () => {
    const imgs = family();
    imgs[2].tags.keep = 'yes';
    const report = run(inventory({ images: imgs }), [rule({ ...byTag, holdTag: 'keep' })]);
    expect(imgs.map((i) => statusOf(report, i.imageId))).toEqual(['pass', 'pass', 'pass', 'open']);
  });

  it('spares AMIs younger than olderThanDays', () => {
    const imgs = family();
    const report = run(inventory({ images: imgs }), [rule({ ...byTag, olderThanDays: 25 })]);
    expect(imgs.map((i) => statusOf(report, i.imageId))).toEqual(['pass', 'pass', 'pass', 'open']);
  });

  it('does not evaluate AMIs without a family', () => {
    const loose = image({ creationDate: daysAgo(500) });
    const report = run(inventory({ images: [...family(), loose] }), [rule(byTag)]);
    expect(statusOf(report, loose.imageId)).toBe('pass');
    expect(report.summary.byRule[0].evaluated).toBe(4);
  });

  it('groups by the (?<family>) capture of a name pattern, breaking creation-date ties by image id', () => {
    const imgs = ['web-1', 'web-2', 'web-3', 'db-1'].map((name) => image({ name, creationDate: daysAgo(5) }));
    const check: RetentionCheck = {
      type: 'retention',
      groupBy: { namePattern: '^(?<family>[a-z]+)-\\d+$' },
      keepLatest: 1,
    };
    const report = run(inventory({ images: imgs }), [rule(check)]);
    // Same date: the lowest image id ranks newest and is kept.
    expect(imgs.map((i) => statusOf(report, i.imageId))).toEqual(['pass', 'open', 'open', 'pass']);
    expect(findingOf(report, imgs[1].imageId).evidence.family).toBe('web');
  });

  it('is inconclusive rather than open when usage data failed for the account-region', () => {
    const imgs = family();
    const segs = failSegment(okSegments(), MGMT, 'us-east-1', 'launch-templates');
    const report = run(inventory({ images: imgs, segments: segs }), [rule(byTag)]);
    expect(imgs.map((i) => statusOf(report, i.imageId))).toEqual([
      'pass',
      'pass',
      'inconclusive',
      'inconclusive',
    ]);
  });
});
