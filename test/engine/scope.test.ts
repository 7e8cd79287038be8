import { describe, expect, it } from 'vitest';
import { compileGlobs, globMatch } from '../../src/catalog/glob.js';
import type { ImageRecord } from '../../src/inventory/schema.js';
import type { Selector } from '../../src/rules/schema.js';
import { DEV, MGMT, PROD, SANDBOX } from '../support/organization.js';
import { image, inventory, OU_DEV, rule, run, statusOf } from './helpers.js';

const naming = { type: 'naming', descriptionRequired: true } as const;

interface Case {
  name: string;
  scope?: Selector;
  exclude?: Selector;
  img: Partial<ImageRecord>;
  inScope: boolean;
}

const cases: Case[] = [
  { name: 'no scope: everything', img: {}, inScope: true },
  { name: 'accounts match', scope: { accounts: [PROD] }, img: { account: PROD }, inScope: true },
  { name: 'accounts miss', scope: { accounts: [PROD] }, img: { account: DEV }, inScope: false },
  { name: 'ous: direct member', scope: { ous: [OU_DEV] }, img: { account: DEV }, inScope: true },
  { name: 'ous: member of a nested OU', scope: { ous: [OU_DEV] }, img: { account: SANDBOX }, inScope: true },
  { name: 'ous: root id covers everyone', scope: { ous: ['r-root'] }, img: { account: MGMT }, inScope: true },
  { name: 'ous: outside', scope: { ous: [OU_DEV] }, img: { account: PROD }, inScope: false },
  { name: 'regions glob', scope: { regions: ['us-*'] }, img: { region: 'us-east-1' }, inScope: true },
  { name: 'regions glob miss', scope: { regions: ['us-*'] }, img: { region: 'eu-west-1' }, inScope: false },
  { name: 'regions ? glob', scope: { regions: ['eu-west-?'] }, img: { region: 'eu-west-1' }, inScope: true },
  { name: 'names glob', scope: { names: ['golden-*'] }, img: { name: 'golden-web' }, inScope: true },
  {
    name: 'names glob, image without name',
    scope: { names: ['*'] },
    img: { name: undefined },
    inScope: false,
  },
  { name: 'tag value', scope: { tags: { Env: 'prod' } }, img: { tags: { Env: 'prod' } }, inScope: true },
  { name: 'tag value miss', scope: { tags: { Env: 'prod' } }, img: { tags: { Env: 'dev' } }, inScope: false },
  {
    name: 'tag any-of',
    scope: { tags: { Env: ['prod', 'stg'] } },
    img: { tags: { Env: 'stg' } },
    inScope: true,
  },
  { name: 'tag "*" present', scope: { tags: { Owner: '*' } }, img: { tags: { Owner: 'x' } }, inScope: true },
  { name: 'tag "*" absent', scope: { tags: { Owner: '*' } }, img: { tags: {} }, inScope: false },
  {
    name: 'every key must match (AND)',
    scope: { accounts: [PROD], regions: ['us-*'] },
    img: { account: PROD, region: 'eu-west-1' },
    inScope: false,
  },
  {
    name: 'exclude by tag',
    exclude: { tags: { 'amiaudit:ignore': 'true' } },
    img: { tags: { 'amiaudit:ignore': 'true' } },
    inScope: false,
  },
  {
    name: 'exclude miss',
    exclude: { tags: { 'amiaudit:ignore': 'true' } },
    img: { tags: {} },
    inScope: true,
  },
  { name: 'empty exclude excludes nothing', exclude: {}, img: {}, inScope: true },
];

describe('rule scope and exclude', () => {
  it.each(cases)('$name', ({ scope, exclude, img, inScope }) => {
    const ami = image({ description: undefined, ...img });
    const report = run(inventory({ images: [ami] }), [rule(naming, { scope, exclude })]);
    expect(statusOf(report, ami.imageId)).toBe(inScope ? 'open' : 'pass');
    expect(report.summary.byRule[0].evaluated).toBe(inScope ? 1 : 0);
  });
});

describe('glob', () => {
  it.each([
    ['us-*', 'us-east-1', true],
    ['us-*', 'eu-west-1', false],
    ['*-1', 'ap-south-1', true],
    ['a?c', 'abc', true],
    ['a?c', 'abbc', false],
    ['a.c', 'abc', false],
    ['(x)+', '(x)+', true],
    ['*', '', true],
  ] as const)('%s ~ %s → %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
    expect(compileGlobs([pattern])(value)).toBe(expected);
  });
});
