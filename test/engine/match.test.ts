import { describe, expect, it } from 'vitest';
import type { MatchCondition } from '../../src/catalog/checks/match.js';
import type { ImageRecord } from '../../src/inventory/schema.js';
import { daysAgo, findingOf, image, inventory, rule, run, statusOf } from './helpers.js';

const unencrypted = {
  blockDevices: [
    { deviceName: '/dev/xvda', snapshotId: 'snap-a', volumeSize: 8, encrypted: true },
    { deviceName: '/dev/xvdb', snapshotId: 'snap-b', volumeSize: 20, encrypted: false },
  ],
};
const ephemeralOnly = { blockDevices: [{ deviceName: '/dev/sdb', virtualName: 'ephemeral0' }] };

const cases: {
  name: string;
  when: MatchCondition[];
  img: Partial<ImageRecord>;
  expected: 'pass' | 'open';
}[] = [
  {
    name: 'eq on name',
    when: [{ key: 'name', op: 'eq', value: 'web' }],
    img: { name: 'web' },
    expected: 'open',
  },
  {
    name: 'eq misses',
    when: [{ key: 'name', op: 'eq', value: 'web' }],
    img: { name: 'db' },
    expected: 'pass',
  },
  {
    name: 'ne holds for an absent value (Linux has no platform)',
    when: [{ key: 'platform', op: 'ne', value: 'windows' }],
    img: {},
    expected: 'open',
  },
  {
    name: 'in',
    when: [{ key: 'tags.Team', op: 'in', value: ['a', 'b'] }],
    img: { tags: { Team: 'b' } },
    expected: 'open',
  },
  {
    name: 'not-in',
    when: [{ key: 'tags.Team', op: 'not-in', value: ['a', 'b'] }],
    img: { tags: { Team: 'b' } },
    expected: 'pass',
  },
  {
    name: 'glob',
    when: [{ key: 'name', op: 'glob', value: 'golden-*' }],
    img: { name: 'golden-1' },
    expected: 'open',
  },
  {
    name: 'regex',
    when: [{ key: 'name', op: 'regex', value: '^g.+\\d$' }],
    img: { name: 'golden-1' },
    expected: 'open',
  },
  {
    name: 'exists',
    when: [{ key: 'tags.Owner', op: 'exists' }],
    img: { tags: { Owner: 'x' } },
    expected: 'open',
  },
  {
    name: 'absent',
    when: [{ key: 'tags.Owner', op: 'absent' }],
    img: { tags: { Owner: 'x' } },
    expected: 'pass',
  },
  {
    name: 'lt numeric',
    when: [{ key: 'blockDevices.0.volumeSize', op: 'lt', value: 10 }],
    img: {},
    expected: 'open',
  },
  {
    name: 'gt numeric',
    when: [{ key: 'blockDevices.0.volumeSize', op: 'gt', value: 10 }],
    img: {},
    expected: 'pass',
  },
  {
    name: 'older-than-days',
    when: [{ key: 'creationDate', op: 'older-than-days', value: 30 }],
    img: { creationDate: daysAgo(31) },
    expected: 'open',
  },
  {
    name: 'newer-than-days',
    when: [{ key: 'creationDate', op: 'newer-than-days', value: 30 }],
    img: { creationDate: daysAgo(31) },
    expected: 'pass',
  },
  {
    name: '* holds when ANY element satisfies',
    when: [{ key: 'blockDevices.*.encrypted', op: 'eq', value: false }],
    img: unencrypted,
    expected: 'open',
  },
  {
    name: '* fails when no element satisfies',
    when: [{ key: 'blockDevices.*.encrypted', op: 'eq', value: false }],
    img: {},
    expected: 'pass',
  },
  {
    name: 'absent over * holds when no element has the key',
    when: [{ key: 'blockDevices.*.snapshotId', op: 'absent' }],
    img: ephemeralOnly,
    expected: 'open',
  },
  {
    name: 'absent over * fails when some element has it',
    when: [{ key: 'blockDevices.*.snapshotId', op: 'absent' }],
    img: unencrypted,
    expected: 'pass',
  },
  {
    name: 'all conditions must hold',
    when: [
      { key: 'name', op: 'glob', value: 'golden-*' },
      { key: 'public', op: 'eq', value: true },
    ],
    img: { name: 'golden-1', public: false },
    expected: 'pass',
  },
];

describe('match check', () => {
  it.each(cases)('$name', ({ when, img, expected }) => {
    const ami = image(img);
    const report = run(inventory({ images: [ami] }), [rule({ type: 'match', when })]);
    expect(statusOf(report, ami.imageId)).toBe(expected);
  });

  it('shows each condition with the actual value as evidence', () => {
    const ami = image({ ...unencrypted, name: 'golden-1' });
    const when: MatchCondition[] = [
      { key: 'name', op: 'glob', value: 'golden-*' },
      { key: 'blockDevices.*.encrypted', op: 'eq', value: false },
    ];
    const f = findingOf(run(inventory({ images: [ami] }), [rule({ type: 'match', when })]), ami.imageId);
    expect(f.evidence.conditions).toEqual([
      { key: 'name', op: 'glob', value: 'golden-*', actual: 'golden-1' },
      { key: 'blockDevices.*.encrypted', op: 'eq', value: false, actual: [true, false] },
    ]);
  });
});
