import { describe, expect, it } from 'vitest';
import type { CheckOf } from '../../src/catalog/check-registry.js';
import type { ImageRecord } from '../../src/inventory/schema.js';

type NamingCheck = CheckOf<'naming'>;

import { findingOf, image, inventory, rule, run, statusOf } from './helpers.js';

const check: NamingCheck = {
  type: 'naming',
  namePattern: '^[a-z0-9-]+-\\d{8}$',
  requiredTags: { Owner: null, Environment: '^(prod|dev)$' },
  descriptionRequired: true,
};

const good = {
  name: 'web-20250101',
  description: 'web server',
  tags: { Owner: 'team-a', Environment: 'prod' },
};

const cases: { name: string; img: Partial<ImageRecord>; expected: 'pass' | 'open'; unmet?: string[] }[] = [
  { name: 'all requirements met', img: good, expected: 'pass' },
  {
    name: 'name does not match',
    img: { ...good, name: 'Web Server' },
    expected: 'open',
    unmet: ['namePattern'],
  },
  { name: 'no name at all', img: { ...good, name: undefined }, expected: 'open', unmet: ['namePattern'] },
  {
    name: 'required tag missing',
    img: { ...good, tags: { Environment: 'prod' } },
    expected: 'open',
    unmet: ['requiredTag:Owner'],
  },
  {
    name: 'required tag empty (null = any non-empty)',
    img: { ...good, tags: { Owner: '', Environment: 'prod' } },
    expected: 'open',
    unmet: ['requiredTag:Owner'],
  },
  {
    name: 'tag value does not match its regex',
    img: { ...good, tags: { Owner: 'x', Environment: 'qa' } },
    expected: 'open',
    unmet: ['requiredTag:Environment'],
  },
  {
    name: 'blank description',
    img: { ...good, description: '   ' },
    expected: 'open',
    unmet: ['description'],
  },
  {
    name: 'every requirement unmet in one finding',
    img: { name: 'BAD', tags: {}, description: undefined },
    expected: 'open',
    unmet: ['namePattern', 'requiredTag:Owner', 'requiredTag:Environment', 'description'],
  },
];

describe('naming check', () => {
  it.each(cases)('$name', ({ img, expected, unmet }) => {
    const ami = image(img);
    const report = run(inventory({ images: [ami] }), [rule(check)]);
    expect(statusOf(report, ami.imageId)).toBe(expected);
    expect(report.findings.length).toBe(expected === 'pass' ? 0 : 1);
    if (unmet) {
      const ev = findingOf(report, ami.imageId).evidence.unmet as { requirement: string; key?: string }[];
      expect(ev.map((u) => (u.key ? `${u.requirement}:${u.key}` : u.requirement))).toEqual(unmet);
    }
    expect(report.summary.byRule[0].evaluated).toBe(1);
  });

  it('only checks what the rule asks for', () => {
    const ami = image({ name: 'anything goes', tags: {} });
    const report = run(inventory({ images: [ami] }), [rule({ type: 'naming', descriptionRequired: false })]);
    expect(report.findings).toEqual([]);
  });

  it('bounds the input a user regex sees', () => {
    const ami = image({ name: `${'a'.repeat(5000)}!` });
    const report = run(inventory({ images: [ami] }), [rule({ type: 'naming', namePattern: '!$' })]);
    // The "!" lies beyond the 1024-character bound, so the pattern cannot see it.
    expect(statusOf(report, ami.imageId)).toBe('open');
  });

  it('reports an invalid regex as an input error with the rule location', () => {
    const ami = image();
    expect(() => run(inventory({ images: [ami] }), [rule({ type: 'naming', namePattern: '([' })])).toThrow(
      /rule test-naming: namePattern: invalid regular expression/,
    );
  });
});
