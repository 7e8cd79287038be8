import { describe, expect, it } from 'vitest';
import { DEV, MGMT, PROD, SANDBOX } from '../support/organization.js';
import { failSegment, inventory, okSegments, run } from './helpers.js';

describe('coverage', () => {
  it('is complete when every requested account has only ok segments', () => {
    const c = run(inventory(), []).coverage;
    expect(c).toEqual({
      complete: true,
      accounts: { requested: 4, scanned: 4, failed: 0 },
      regions: ['eu-west-1', 'us-east-1'],
      accountIds: [MGMT, PROD, DEV, SANDBOX],
      gaps: [],
    });
  });

  it('lists each failed segment as a gap; an account with other ok segments still counts as scanned', () => {
    const segs = failSegment(okSegments(), DEV, 'eu-west-1', 'instances');
    const c = run(inventory({ segments: segs }), []).coverage;
    expect(c.complete).toBe(false);
    expect(c.accounts).toEqual({ requested: 4, scanned: 4, failed: 0 });
    expect(c.gaps).toEqual([
      { account: DEV, region: 'eu-west-1', collector: 'instances', error: 'access-denied for instances' },
    ]);
  });

  it('an account whose assume-role failed is not scanned', () => {
    const segs = [
      ...okSegments([MGMT, PROD, SANDBOX]),
      {
        kind: 'segment' as const,
        account: DEV,
        region: '*',
        collector: 'assume-role' as const,
        status: 'assume-failed' as const,
        calls: 1,
        durationMs: 5,
      },
    ];
    const c = run(inventory({ segments: segs }), []).coverage;
    expect(c.accounts).toEqual({ requested: 4, scanned: 3, failed: 1 });
    expect(c.gaps).toEqual([{ account: DEV, region: '*', collector: 'assume-role', error: 'assume-failed' }]);
  });

  it('a requested account without any segment is a gap ("not collected")', () => {
    const c = run(inventory({ segments: okSegments([MGMT, PROD, DEV]) }), []).coverage;
    expect(c.accounts).toEqual({ requested: 4, scanned: 3, failed: 1 });
    expect(c.gaps).toEqual([{ account: SANDBOX, region: '*', collector: '*', error: 'not collected' }]);
  });

  it('uses requestedAccounts when given, else the org accounts', () => {
    const c = run(
      inventory({ requestedAccounts: [MGMT, PROD], segments: okSegments([MGMT, PROD]) }),
      [],
    ).coverage;
    expect(c).toMatchObject({ complete: true, accounts: { requested: 2, scanned: 2, failed: 0 } });
  });

  it('a skipped dependent segment is not a second gap (its cause is)', () => {
    let segs = failSegment(okSegments(), PROD, 'us-east-1', 'images', 'error');
    segs = failSegment(segs, PROD, 'us-east-1', 'snapshots', 'skipped');
    expect(run(inventory({ segments: segs }), []).coverage.gaps.map((g) => g.collector)).toEqual(['images']);
  });

  it('a failure later retried successfully is no gap', () => {
    const segs = [
      ...failSegment(okSegments(), PROD, 'us-east-1', 'images'),
      ...okSegments([PROD], ['us-east-1']),
    ];
    expect(run(inventory({ segments: segs }), []).coverage.gaps).toEqual([]);
  });
});
