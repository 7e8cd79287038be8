import { describe, expect, it } from 'vitest';
import type { ImageRecord } from '../../src/inventory/schema.js';
import { daysAgo, findingOf, image, inventory, rule, run, statusOf } from './helpers.js';

describe('age check, basis creation', () => {
  const cases: { name: string; img: Partial<ImageRecord>; expected: string }[] = [
    { name: 'younger than maxDays', img: { creationDate: daysAgo(179) }, expected: 'pass' },
    { name: 'exactly maxDays old is still allowed', img: { creationDate: daysAgo(180) }, expected: 'pass' },
    { name: 'older than maxDays', img: { creationDate: daysAgo(181) }, expected: 'open' },
    {
      name: 'no creation date is inconclusive, never a pass',
      img: { creationDate: undefined },
      expected: 'inconclusive',
    },
    {
      name: 'unparseable creation date is inconclusive',
      img: { creationDate: 'yesterday' },
      expected: 'inconclusive',
    },
  ];
  it.each(cases)('$name', ({ img, expected }) => {
    const ami = image(img);
    const report = run(inventory({ images: [ami] }), [rule({ type: 'age', maxDays: 180 })]);
    expect(statusOf(report, ami.imageId)).toBe(expected);
  });

  it('ignores the source chain with basis creation', () => {
    const parent = image({ creationDate: daysAgo(900) });
    const copy = image({ creationDate: daysAgo(5), sourceImageId: parent.imageId });
    const report = run(inventory({ images: [parent, copy] }), [rule({ type: 'age', maxDays: 180 })]);
    expect(statusOf(report, copy.imageId)).toBe('pass');
    expect(findingOf(report, parent.imageId).evidence.ageDays).toBe(900);
  });
});

describe('age check, basis source', () => {
  const check = { type: 'age', maxDays: 180, basis: 'source' } as const;

  it('measures a copy by its oldest known ancestor, across accounts and regions, with the chain as evidence', () => {
    const root = image({ creationDate: daysAgo(400), account: '222222222222', region: 'eu-west-1' });
    const mid = image({ creationDate: daysAgo(100), sourceImageId: root.imageId });
    const copy = image({ creationDate: daysAgo(3), sourceImageId: mid.imageId });
    const report = run(inventory({ images: [root, mid, copy] }), [rule(check)]);
    const f = findingOf(report, copy.imageId);
    expect(f.status).toBe('open');
    expect(f.evidence.rootImageId).toBe(root.imageId);
    expect(f.evidence.ageDays).toBe(400);
    expect((f.evidence.chain as { imageId: string }[]).map((c) => c.imageId)).toEqual([
      copy.imageId,
      mid.imageId,
      root.imageId,
    ]);
    expect(f.message).toContain(root.imageId);
  });

  it('passes when every ancestor is young enough', () => {
    const root = image({ creationDate: daysAgo(100) });
    const copy = image({ creationDate: daysAgo(3), sourceImageId: root.imageId });
    expect(statusOf(run(inventory({ images: [root, copy] }), [rule(check)]), copy.imageId)).toBe('pass');
  });

  it('stops at an ancestor that is not in the inventory and records it', () => {
    const copy = image({ creationDate: daysAgo(200), sourceImageId: 'ami-0ffffffffffffffff' });
    const f = findingOf(run(inventory({ images: [copy] }), [rule(check)]), copy.imageId);
    expect(f.evidence.unresolvedSourceImageId).toBe('ami-0ffffffffffffffff');
  });

  it('survives a cycle in SourceImageId', () => {
    const a = image({ creationDate: daysAgo(10) });
    const b = image({ creationDate: daysAgo(300), sourceImageId: a.imageId });
    a.sourceImageId = b.imageId;
    const report = run(inventory({ images: [a, b] }), [rule(check)]);
    expect(statusOf(report, a.imageId)).toBe('open');
    expect(statusOf(report, b.imageId)).toBe('open');
  });
});
