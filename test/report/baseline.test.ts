import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { applyBaseline, loadBaseline } from '../../src/findings/baseline.js';
import { gateFindings } from '../../src/findings/gate.js';
import type { Report } from '../../src/findings/model.js';
import { baselineScopeWarning } from '../../src/report/baseline-warning.js';
import { clone, FIXTURE, loadFixture } from './helpers.js';

function withoutBaseline(r: Report): Report {
  const out = clone(r);
  for (const f of out.findings) delete f.baseline;
  delete out.resolved;
  return out;
}

describe('applyBaseline', () => {
  const current = withoutBaseline(loadFixture());

  it('marks findings new or unchanged by id and lists resolved open findings', () => {
    const previous = clone(current);
    previous.findings = previous.findings.slice(2); // the first two are new now
    const gone = {
      ...clone(current.findings[4]!),
      id: 'gone-open',
      resource: { ...current.findings[4]!.resource, region: 'us-east-1', account: '111111111111' },
    };
    const goneSuppressed = { ...clone(current.findings[3]!), id: 'gone-suppressed' };
    previous.findings.push(gone, goneSuppressed);
    const out = applyBaseline(current, previous);
    expect(out.findings.map((f) => f.baseline)).toEqual(
      current.findings.map((_, i) => (i < 2 ? 'new' : 'unchanged')),
    );
    // Only open findings resolve; a suppressed one disappearing is not a fix.
    expect(out.resolved!.map((f) => f.id)).toEqual(['gone-open']);
    expect(out.resolved![0]!.baseline).toBeUndefined();
  });

  it('does not call a finding resolved when its account/region has a coverage gap now', () => {
    const previous = clone(current);
    const hidden = { ...clone(current.findings[0]!), id: 'behind-gap' };
    hidden.resource = { ...hidden.resource, account: '333333333333', region: 'eu-west-1' }; // gap region '*'
    const hidden2 = { ...clone(current.findings[0]!), id: 'behind-gap-2' };
    hidden2.resource = { ...hidden2.resource, account: '222222222222', region: 'ap-south-1' };
    previous.findings.push(hidden, hidden2);
    expect(applyBaseline(current, previous).resolved).toEqual([]);
  });

  it('does not call a finding resolved when its account or region is not in scope now', () => {
    const previous = clone(current);
    const otherAccount = { ...clone(current.findings[0]!), id: 'other-account' };
    otherAccount.resource = { ...otherAccount.resource, account: '999999999999' };
    const otherRegion = { ...clone(current.findings[0]!), id: 'other-region' };
    otherRegion.resource = { ...otherRegion.resource, account: '111111111111', region: 'sa-east-1' };
    const inScope = { ...clone(current.findings[0]!), id: 'in-scope' };
    inScope.resource = { ...inScope.resource, account: '111111111111', region: 'us-east-1' };
    previous.findings.push(otherAccount, otherRegion, inScope);
    expect(applyBaseline(current, previous).resolved!.map((f) => f.id)).toEqual(['in-scope']);
  });

  it('does not modify its inputs', () => {
    const before = JSON.stringify(current);
    applyBaseline(current, clone(current));
    expect(JSON.stringify(current)).toBe(before);
  });
});

describe('baselineScopeWarning', () => {
  const current = withoutBaseline(loadFixture()); // accounts 111…, 222…, 333…; 3 regions
  const withScope = (accounts: string[] | undefined, regions: string[]) => {
    const r = clone(current);
    if (accounts) r.coverage.accountIds = accounts;
    else delete r.coverage.accountIds;
    r.coverage.regions = regions;
    return r;
  };
  const REGIONS = ['ap-south-1', 'eu-west-1', 'us-east-1'];

  it.each([
    ['the same scope', ['111111111111', '222222222222', '333333333333'], REGIONS, undefined],
    ['one account more now (2 of 3 in common)', ['111111111111', '222222222222'], REGIONS, undefined],
    [
      'a bigger baseline',
      ['111111111111', '222222222222', '333333333333', '444444444444'],
      REGIONS,
      undefined,
    ],
    ['another organization', ['444444444444', '555555555555'], REGIONS, /only 0 of 3 accounts in common/],
    [
      '1 of 3 accounts in common',
      ['111111111111'],
      REGIONS,
      /only 1 of 3 accounts in common \(not in the baseline: 222222222222, 333333333333\)/,
    ],
    [
      'other regions',
      ['111111111111', '222222222222', '333333333333'],
      ['sa-east-1'],
      /only 0 of 3 regions in common/,
    ],
  ] as const)('%s', (_name, accounts, regions, expected) => {
    const warning = baselineScopeWarning(current, withScope([...accounts], [...regions]));
    if (expected === undefined) expect(warning).toBeUndefined();
    else {
      expect(warning).toMatch(expected);
      expect(warning).toMatch(/^amiaudit: warning: /);
      expect(warning).not.toContain('\n');
    }
  });

  it('falls back to the accounts of findings and gaps for files without accountIds', () => {
    const foreign = withScope(undefined, REGIONS);
    foreign.findings = foreign.findings.map((f) => ({
      ...f,
      resource: { ...f.resource, account: '777777777777' },
    }));
    foreign.coverage.gaps = [];
    expect(baselineScopeWarning(current, foreign)).toMatch(/only 0 of 3 accounts/);
  });

  it('lists at most 3 missing accounts on its one line and escapes control characters', () => {
    const now = withScope(['1', '2', '3', '4', '5\x1b[2J'], REGIONS);
    const warning = baselineScopeWarning(now, withScope(['9'], REGIONS))!;
    expect(warning).toContain('not in the baseline: 1, 2, 3, … 2 more');
    const evil = baselineScopeWarning(withScope(['\x1b[2J'], REGIONS), withScope(['9'], REGIONS))!;
    expect(evil).not.toContain('\x1b');
  });
});

describe('gateFindings', () => {
  const report = loadFixture();
  it.each([
    ['critical', false, 2],
    ['high', false, 3],
    ['medium', false, 5],
    ['info', false, 8],
    ['none', false, 0],
    ['high', true, 2], // two of the three high+ open findings are new
    ['info', true, 4],
  ] as const)('--fail-on %s (new only: %s) gates %i findings', (failOn, onlyNew, n) => {
    const gated = gateFindings(report, failOn, onlyNew);
    expect(gated.length).toBe(n);
    expect(gated.every((f) => f.status === 'open')).toBe(true);
  });

  it('treats findings without a baseline mark as new', () => {
    expect(gateFindings(withoutBaseline(report), 'high', true).length).toBe(3);
  });
});

function badSeverity(): string {
  const r = clone(loadFixture()) as unknown as { findings: Array<{ severity: string }> };
  r.findings[0]!.severity = 'fatal';
  return JSON.stringify(r, null, 2);
}

describe('loadBaseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amiaudit-baseline-'));

  it('loads a findings.json', async () => {
    expect((await loadBaseline(FIXTURE)).findings.length).toBe(loadFixture().findings.length);
  });

  it.each([
    ['broken JSON', '{\n  "schemaVersion": "1",\n  oops\n}', /:3:3 invalid JSON/],
    [
      'not a report',
      '{\n  "schemaVersion": "1"\n}',
      /:1:1 not a findings\.json: \(root\): must have required property/,
    ],
    [
      'unknown property',
      JSON.stringify({ ...loadFixture(), extra: 1 }, null, 2),
      /not a findings\.json: \(root\): unknown property "extra"/,
    ],
    [
      'wrong type deep inside',
      badSeverity(),
      /:\d+:\d+ not a findings\.json: \/findings\/0\/severity: must be one of "info", "low"/,
    ],
  ])('rejects %s with a location', async (_name, text, message) => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, text);
    const err = await loadBaseline(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).toLine()).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`),
    );
    expect((err as InputError).toLine()).toMatch(message);
  });

  it('points at the line of a bad value', async () => {
    const text = badSeverity();
    const file = join(dir, 'bad-line.json');
    writeFileSync(file, text);
    const err = (await loadBaseline(file).catch((e: unknown) => e)) as InputError;
    const line = text.split('\n').findIndex((l) => l.includes('"fatal"')) + 1;
    expect(err.location?.line).toBe(line);
  });

  it('reports a missing file', async () => {
    await expect(loadBaseline(join(dir, 'nope.json'))).rejects.toThrow(/cannot read baseline/);
  });
});
