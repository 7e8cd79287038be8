import { describe, expect, it } from 'vitest';
import { expiryMs } from '../../src/engine/exceptions.js';
import { MGMT, PROD } from '../support/organization.js';
import { daysAgo, exception, failSegment, image, inventory, okSegments, rule, run } from './helpers.js';

const age = rule({ type: 'age', maxDays: 30 }, { id: 'ami-max-age' });
const naming = rule({ type: 'naming', descriptionRequired: true }, { id: 'ami-naming' });

describe('exceptions', () => {
  it('suppresses a matching finding and records reason, owner and expiry', () => {
    const ami = image({ creationDate: daysAgo(100) });
    const report = run(
      inventory({ images: [ami] }),
      [age],
      [exception({ rules: ['ami-max-age'], match: { imageIds: [ami.imageId] }, expires: '2030-01-01' })],
    );
    expect(report.findings[0].status).toBe('suppressed');
    expect(report.findings[0].exception).toEqual({
      reason: 'accepted risk',
      owner: 'secops@example.com',
      expires: '2030-01-01',
    });
    expect(report.summary).toMatchObject({ open: 0, suppressed: 1 });
    expect(report.summary.byRule[0]).toMatchObject({ open: 0, suppressed: 1, evaluated: 1 });
    expect(report.exceptions).toEqual({ expired: [], stale: [] });
  });

  it('applies only to the listed rules', () => {
    const ami = image({ creationDate: daysAgo(100), description: undefined });
    const report = run(inventory({ images: [ami] }), [age, naming], [exception({ rules: ['ami-naming'] })]);
    const byRule = Object.fromEntries(report.findings.map((f) => [f.ruleId, f.status]));
    expect(byRule).toEqual({ 'ami-max-age': 'open', 'ami-naming': 'suppressed' });
  });

  it('"*" covers every rule, and a selector narrows it', () => {
    const a = image({ creationDate: daysAgo(100), account: MGMT });
    const b = image({ creationDate: daysAgo(100), account: PROD });
    const report = run(
      inventory({ images: [a, b] }),
      [age],
      [exception({ rules: ['*'], match: { accounts: [PROD] } })],
    );
    const byImage = Object.fromEntries(report.findings.map((f) => [f.resource.id, f.status]));
    expect(byImage).toEqual({ [a.imageId]: 'open', [b.imageId]: 'suppressed' });
  });

  it('is valid through the end of its expiry day (UTC) and expired after', () => {
    const ami = image({ creationDate: daysAgo(100) });
    const exc = exception({ expires: '2025-06-01' });
    const inv = inventory({ images: [ami] });
    const lastMoment = run(inv, [age], [exc], new Date('2025-06-01T23:59:59.999Z'));
    expect(lastMoment.findings[0].status).toBe('suppressed');
    const after = run(inv, [age], [exc], new Date('2025-06-02T00:00:00.000Z'));
    expect(after.findings[0].status).toBe('open');
    expect(after.exceptions?.expired).toEqual([
      {
        rules: ['*'],
        reason: 'accepted risk',
        owner: 'secops@example.com',
        expires: '2025-06-01',
        file: 'exceptions.yaml',
        line: 2,
      },
    ]);
    expect(after.exceptions?.stale).toEqual([]);
  });

  it('lists unexpired exceptions that matched nothing as stale', () => {
    const ami = image({ creationDate: daysAgo(100) });
    const report = run(
      inventory({ images: [ami] }),
      [age],
      [exception({ match: { imageIds: ['ami-0000000000000dead'] }, source: { file: 'x.yaml', line: 9 } })],
    );
    expect(report.findings[0].status).toBe('open');
    expect(report.exceptions?.stale.map((s) => s.line)).toEqual([9]);
  });

  it('a shadowed exception that also matched is not stale', () => {
    const ami = image({ creationDate: daysAgo(100) });
    const report = run(
      inventory({ images: [ami] }),
      [age],
      [exception({ reason: 'first' }), exception({ reason: 'second' })],
    );
    expect(report.findings[0].exception?.reason).toBe('first');
    expect(report.exceptions?.stale).toEqual([]);
  });

  it('suppresses inconclusive findings too (suppressed wins)', () => {
    const ami = image({ creationDate: daysAgo(400) });
    const segs = failSegment(okSegments(), MGMT, 'us-east-1', 'instances');
    const report = run(
      inventory({ images: [ami], segments: segs }),
      [rule({ type: 'unused' })],
      [exception()],
    );
    expect(report.findings[0].status).toBe('suppressed');
    expect(report.summary.inconclusive).toBe(0);
  });

  it('an exception with image keys never matches an account-region finding', () => {
    const rec = {
      kind: 'account-region' as const,
      account: MGMT,
      region: 'us-east-1',
      imageBlockPublicAccess: 'unblocked',
    };
    const segs = okSegments([MGMT], ['us-east-1']);
    const check = { type: 'public-sharing', requireBlockPublicAccess: true } as const;
    const inv = inventory({ accountRegions: [rec], segments: segs, requestedAccounts: [MGMT] });
    expect(run(inv, [rule(check)], [exception({ match: { tags: { a: '*' } } })]).findings[0].status).toBe(
      'open',
    );
    expect(run(inv, [rule(check)], [exception({ match: { regions: ['us-*'] } })]).findings[0].status).toBe(
      'suppressed',
    );
  });

  it.each([
    ['2027-03-31', Date.UTC(2027, 2, 31, 23, 59, 59, 999)],
    ['2027-03-31T12:00:00Z', Date.UTC(2027, 2, 31, 12)],
  ])('expiryMs(%s)', (input, expected) => {
    expect(expiryMs(input)).toBe(expected);
  });
});
