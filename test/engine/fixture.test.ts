import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/inventory/inventory.js';
import { InventoryRecord } from '../../src/inventory/schema.js';
import type { Rule } from '../../src/rules/schema.js';
import { exception, rule, run } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/inventory/example.jsonl', import.meta.url));
const lines = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
const records = lines.map((l) => JSON.parse(l) as InventoryRecord);

/** A minimal in-test reader (the real one lives in src/inventory), enough to evaluate the fixture. */
function toInventory(recs: InventoryRecord[]): Inventory {
  const header = recs.find((r) => r.kind === 'header');
  if (!header) throw new Error('fixture has no header');
  return {
    organization: header.organization,
    requestedAccounts: header.requestedAccounts ?? [],
    collectedAt: header.collectedAt,
    collectors: header.collectors ?? [],
    segments: recs.filter((r) => r.kind === 'segment'),
    images: recs.filter((r) => r.kind === 'image'),
    usage: recs.filter((r) => r.kind === 'usage'),
    snapshots: recs.filter((r) => r.kind === 'snapshot'),
    accountRegions: recs.filter((r) => r.kind === 'account-region'),
  };
}

const RULES: Rule[] = [
  rule(
    {
      type: 'naming',
      namePattern: '^[a-z0-9-]+-\\d{8}$',
      requiredTags: { Owner: null, Environment: '^(prod|dev)$' },
      descriptionRequired: true,
    },
    { id: 'ami-naming', severity: 'low' },
  ),
  rule({ type: 'age', maxDays: 180, basis: 'source' }, { id: 'ami-max-age', severity: 'medium' }),
  rule({ type: 'unused', days: 90 }, { id: 'ami-unused', severity: 'low' }),
  rule(
    { type: 'retention', groupBy: { tag: 'Family' }, keepLatest: 2 },
    { id: 'ami-retention', severity: 'low' },
  ),
  rule(
    { type: 'public-sharing', trustedAccounts: ['organization'], trustedOrganizations: ['self'] },
    { id: 'ami-public-sharing', severity: 'critical', remediation: { action: 'remove-launch-permissions' } },
  ),
  rule(
    { type: 'match', when: [{ key: 'blockDevices.*.encrypted', op: 'eq', value: false }] },
    { id: 'ami-unencrypted', severity: 'high' },
  ),
];

const id = (n: string) => `ami-0a00000000000000${n}`;

describe('example inventory fixture', () => {
  it('has one valid InventoryRecord per line (ajv + TypeBox schema)', () => {
    const validate = new Ajv({ allErrors: true }).compile(InventoryRecord);
    const bad = lines.flatMap((l, i) =>
      validate(JSON.parse(l)) ? [] : [`line ${i + 1}: ${JSON.stringify(validate.errors?.[0])}`],
    );
    expect(bad).toEqual([]);
    expect(records[0].kind).toBe('header');
  });

  it('exercises every check type with the outcomes its comments promise', () => {
    const report = run(toInventory(records), RULES, [
      exception({
        rules: ['ami-naming'],
        match: { imageIds: [id('d')] },
        reason: 'legacy name, rebuilt in Q3',
      }),
    ]);
    const status = (ruleId: string, resourceId: string) =>
      report.findings.find((f) => f.ruleId === ruleId && f.resource.id === resourceId)?.status ?? 'pass';

    expect(status('ami-naming', id('1'))).toBe('pass');
    expect(status('ami-naming', id('5'))).toBe('open');
    expect(status('ami-naming', id('d'))).toBe('suppressed');

    expect(status('ami-max-age', id('4'))).toBe('open');
    expect(status('ami-max-age', id('8'))).toBe('open'); // young copy of an old ancestor
    expect(status('ami-max-age', id('f'))).toBe('inconclusive'); // no creation date

    expect(status('ami-unused', id('1'))).toBe('pass'); // used from the prod account
    expect(status('ami-unused', id('3'))).toBe('open');
    expect(status('ami-unused', id('9'))).toBe('inconclusive'); // own account-region instances failed
    expect(status('ami-unused', id('a'))).toBe('inconclusive'); // consumer sandbox/eu-west-1 failed

    expect(status('ami-retention', id('3'))).toBe('open');
    expect(status('ami-retention', id('4'))).toBe('pass'); // hold tag

    expect(status('ami-public-sharing', id('5'))).toBe('open');
    expect(status('ami-public-sharing', id('6'))).toBe('open');
    expect(status('ami-public-sharing', id('7'))).toBe('pass');
    expect(status('ami-public-sharing', id('c'))).toBe('inconclusive');
    expect(status('ami-public-sharing', 'snap-0a0c')).toBe('open');
    expect(status('ami-public-sharing', '111111111111/us-east-1')).toBe('open');
    const six = report.findings.find((f) => f.ruleId === 'ami-public-sharing' && f.resource.id === id('6'));
    expect(six?.evidence.untrustedPrincipals).toEqual([
      { userId: '999999999999' },
      { organizationArn: 'arn:aws:organizations::111111111111:organization/o-foreign0001' },
    ]);

    expect(status('ami-unencrypted', id('b'))).toBe('open');

    expect(report.coverage.complete).toBe(false);
    expect(report.coverage.gaps).toHaveLength(2);
    expect(report.exceptions).toEqual({ expired: [], stale: [] });
  });
});
