import { describe, expect, it } from 'vitest';
import type { Gap, Report } from '../../src/findings/model.js';
import { renderConsoleSummary } from '../../src/report/console.js';
import { escapeHtml as h } from '../../src/report/escape.js';
import { renderHtml } from '../../src/report/formats/html.js';
import { renderJunit } from '../../src/report/formats/junit.js';
import { renderMarkdown } from '../../src/report/formats/markdown.js';
import { renderSarif } from '../../src/report/formats/sarif.js';
import { groupGaps } from '../../src/report/gaps.js';
import { clone, loadFixture } from './helpers.js';

const COLLECTORS = [
  'images',
  'launch-permissions',
  'snapshots',
  'instances',
  'launch-templates',
  'asgs',
  'bpa',
  'x',
];
const DISABLED = 'region eu-west-1 is not enabled for account 555555555555';
/** The disabled-region error as a cause across accounts. */
const DISABLED_CAUSE = 'region eu-west-1 is not enabled for account ACCOUNT';

/** One disabled region failing all 8 collectors alike, plus one unrelated gap in the same account. */
function regionGaps(): Gap[] {
  return [
    ...COLLECTORS.map((collector) => ({
      account: '555555555555',
      region: 'eu-west-1',
      collector,
      error: DISABLED,
    })),
    { account: '555555555555', region: 'us-east-1', collector: 'images', error: 'Throttling' },
  ];
}

function reportWithGaps(): Report {
  const r = clone(loadFixture());
  r.coverage.gaps = regionGaps();
  return r;
}

describe('groupGaps', () => {
  it.each([
    [
      'one region failing every collector alike',
      regionGaps(),
      [
        [COLLECTORS.length, DISABLED],
        [1, 'Throttling'],
      ],
    ],
    [
      'same account-region, different errors',
      [
        { account: 'a', region: 'r', collector: 'images', error: 'e1' },
        { account: 'a', region: 'r', collector: 'snapshots', error: 'e2' },
      ],
      [
        [1, 'e1'],
        [1, 'e2'],
      ],
    ],
    [
      'same error, different regions',
      [
        { account: 'a', region: 'r1', collector: 'images', error: 'e' },
        { account: 'a', region: 'r2', collector: 'images', error: 'e' },
      ],
      [
        [1, 'e'],
        [1, 'e'],
      ],
    ],
    ['no gaps', [], []],
  ] as const)('%s', (_name, gaps, expected) => {
    expect(groupGaps(gaps).map((g) => [g.collectors.length, g.error])).toEqual(expected);
  });

  it('keeps the collectors in recorded order', () => {
    expect(groupGaps(regionGaps())[0]!.collectors).toEqual(COLLECTORS);
  });
});

describe('grouped coverage gaps in every human format', () => {
  const report = reportWithGaps();
  const collectorList = COLLECTORS.join(', ');

  /** The banner's tables: [causes, by account-region]. */
  function bannerTables(html: string): string[] {
    const start = html.indexOf('id="coverage"');
    const banner = html.slice(start, html.indexOf('</section>', start));
    return banner.split('<table>').slice(1);
  }

  it('HTML banner: one row per cause, then one per account-region and error in a <details>', () => {
    const html = renderHtml(report);
    const [causes, detail] = bannerTables(html);
    expect(causes.match(/<tr><td/g)?.length).toBe(2);
    expect(causes).toContain('region not enabled in 1 of 3 accounts');
    expect(causes).toContain(DISABLED_CAUSE);
    expect(detail.match(/<tr><td/g)?.length).toBe(2);
    expect(detail.split(DISABLED).length - 1).toBe(1);
    expect(detail).toContain(`<td>${collectorList}</td>`);
    expect(html).toContain('<details><summary>By account and region (2)</summary>');
    // The count of raw gaps stays honest.
    expect(html).toContain(`<b>${COLLECTORS.length + 1}</b> collector gap(s)`);
  });

  it('Markdown coverage section: one row per cause, then one per account-region and error', () => {
    const md = renderMarkdown(report);
    expect(md).toContain(
      `| region not enabled in 1 of 3 accounts: drop it from --regions, or opt the accounts in | ${COLLECTORS.length} | 555555555555 | ${collectorList} | eu-west-1 | ${DISABLED_CAUSE} |`,
    );
    expect(md).toContain(`| 555555555555 | eu-west-1 | ${collectorList} | ${DISABLED} |`);
  });

  describe('150 accounts with a wrong --role-name', () => {
    const accounts = Array.from({ length: 150 }, (_, i) => String(100000000000 + i));
    const big = clone(loadFixture());
    big.coverage.complete = false;
    big.coverage.accounts = { requested: 150, scanned: 0, failed: 150 };
    big.coverage.gaps = accounts.map((a) => ({
      account: a,
      region: '*',
      collector: 'assume-role',
      error: `AccessDenied: User is not authorized to perform sts:AssumeRole on resource arn:aws:iam::${a}:role/typo`,
    }));
    const hint =
      "AssumeRole failed in 150 of 150 accounts: check --role-name, --external-id and the role's trust policy";

    it('HTML: one cause row with the hint and a few of the accounts', () => {
      const [causes] = bannerTables(renderHtml(big));
      expect(causes.match(/<tr><td/g)?.length).toBe(1);
      expect(causes).toContain(h(hint));
      expect(causes).toContain('100000000000, 100000000001, 100000000002 and 147 more');
      expect(causes).toContain('arn:aws:iam::ACCOUNT:role/typo');
    });

    it('Markdown: one cause row with the hint', () => {
      const md = renderMarkdown(big);
      const rows = md.split('\n').filter((l) => l.includes('AssumeRole failed in'));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain(
        '| 150 | 100000000000, 100000000001, 100000000002 and 147 more | assume-role |',
      );
    });
  });

  it('console: one line per account-region and error', () => {
    const text = renderConsoleSummary(report, { color: false });
    expect(text.split(DISABLED_CAUSE).length - 1).toBe(1);
  });

  it('JUnit and SARIF keep one entry per gap', () => {
    expect(renderJunit(report).split(DISABLED).length - 1).toBeGreaterThanOrEqual(COLLECTORS.length);
    const sarif = JSON.parse(renderSarif(report, { rootDir: '/repo' }));
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications.length).toBe(COLLECTORS.length + 1);
  });
});
