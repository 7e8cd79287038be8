import { describe, expect, it } from 'vitest';
import type { LiveImage } from '../../src/remediate/live.js';
import { isProtected, managedBy } from '../../src/remediate/safety.js';
import { table } from '../../src/remediate/text.js';

const NOW = new Date('2026-02-01T00:00:00Z');
const image = (over: Partial<LiveImage>): LiveImage => ({
  imageId: 'ami-1',
  public: false,
  tags: {},
  snapshotIds: [],
  ...over,
});

describe('safety helpers', () => {
  it.each([
    [undefined, false],
    ['disabled', false],
    ['enabled', true],
    ['enabled-with-cooldown', true],
    ['disabled after 2026-02-02T00:00:00Z', true],
    ['disabled after 2026-01-01T00:00:00Z', false],
    ['disabled after sometime', true],
  ])('deregistration protection %s → protected %s', (value, expected) => {
    expect(isProtected(value, NOW)).toBe(expected);
  });

  it.each([
    [{ tags: { 'aws:dlm:lifecycle-policy-id': 'p' } }, /Data Lifecycle Manager/],
    [{ tags: { 'dlm:managed': 'true' } }, /Data Lifecycle Manager/],
    [{ tags: { CreatedBy: 'EC2 Image Builder' } }, /Image Builder/],
    [{ tags: { Ec2ImageBuilderArn: 'arn:x' } }, /Image Builder/],
    [{ tags: { 'aws:backup:source-resource': 'x' } }, /AWS Backup/],
    [{ ownerAlias: 'aws-backup-vault' }, /AWS Backup/],
    [{ name: 'AwsBackup_i-123' }, /AWS Backup/],
    [{ tags: { 'aws:recycle-bin:resource-in-bin': 'true' } }, /Recycle Bin/],
    [{ tags: { CreatedBy: 'someone' }, name: 'backup-1' }, undefined],
  ])('managed-by markers %j', (over, expected) => {
    const got = managedBy(image(over as Partial<LiveImage>));
    if (expected) expect(got).toMatch(expected);
    else expect(got).toBeUndefined();
  });

  it('neutralises the cells of a text table before aligning them', () => {
    const out = table(['id', 'name'], [['ami-1', 'evil\u001b[31mred\nline\u202e']]);
    const cell = 'evil\\u001b[31mred\\u000aline\\u202e';
    expect(out).toBe(`id     name\n-----  ${'-'.repeat(cell.length)}\nami-1  ${cell}`);
  });
});
