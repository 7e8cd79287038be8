import { describe, expect, it } from 'vitest';
import { renderConsoleSummary, useColor } from '../../src/report/console.js';
import { clone, loadFixture } from './helpers.js';

describe('console summary', () => {
  it('lists counts, top rules, baseline, coverage gaps and report paths', () => {
    const text = renderConsoleSummary(loadFixture(), { color: false, paths: ['reports/findings.json'] });
    expect(text).toContain(
      '8 open (2 critical, 1 high, 2 medium, 2 low, 1 info), 2 suppressed, 1 inconclusive',
    );
    expect(text).toContain('top rules: ami-no-public-sharing (3), ami-max-age (2)');
    expect(text).toContain('baseline: 6 new, 5 unchanged, 1 resolved');
    expect(text).toContain('coverage: INCOMPLETE (1 of 3 accounts failed, 2 gaps)');
    expect(text).toContain('reports: reports/findings.json');
    expect(text).not.toContain('\x1b[');
  });

  it('escapes control characters from cloud strings', () => {
    const report = clone(loadFixture());
    report.coverage.gaps[0]!.error = 'evil \x1b]0;title\x07 \x1b[2J';
    const text = renderConsoleSummary(report, { color: false });
    expect(text).not.toContain('\x1b');
    expect(text).toContain('\\u001b]0;title\\u0007');
  });

  it('colours only when asked', () => {
    expect(renderConsoleSummary(loadFixture(), { color: true })).toContain('\x1b[1;31m');
  });

  it.each([
    [true, {}, true],
    [true, { NO_COLOR: '1' }, false],
    [false, {}, false],
    [undefined, {}, false],
  ])('useColor(isTTY=%s, %j) = %s', (isTTY, env, expected) => {
    expect(useColor({ isTTY }, env)).toBe(expected);
  });
});
