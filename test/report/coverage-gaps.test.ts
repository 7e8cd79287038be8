import { describe, expect, it } from 'vitest';
import type { Gap, Report } from '../../src/findings/model.js';
import { renderConsoleSummary } from '../../src/report/console.js';
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
const DISABLED = 'region not enabled';

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

  it('HTML banner: one row per account-region and error', () => {
    const html = renderHtml(report);
    const banner = html.slice(
      html.indexOf('id="coverage"'),
      html.indexOf('</section>', html.indexOf('id="coverage"')),
    );
    expect(banner.match(/<tr><td/g)?.length).toBe(2);
    expect(banner.split(DISABLED).length - 1).toBe(1);
    expect(banner).toContain(`<td>${collectorList}</td>`);
    // The count of raw gaps stays honest.
    expect(banner).toContain(`<b>${COLLECTORS.length + 1}</b> collector gap(s)`);
  });

  it('Markdown coverage section: one row per account-region and error', () => {
    const md = renderMarkdown(report);
    expect(md.split(DISABLED).length - 1).toBe(1);
    expect(md).toContain(`| 555555555555 | eu-west-1 | ${collectorList} | ${DISABLED} |`);
  });

  it('console: one line per account-region and error', () => {
    const text = renderConsoleSummary(report, { color: false });
    expect(text.split(DISABLED).length - 1).toBe(1);
  });

  it('JUnit and SARIF keep one entry per gap', () => {
    expect(renderJunit(report).split(DISABLED).length - 1).toBeGreaterThanOrEqual(COLLECTORS.length);
    const sarif = JSON.parse(renderSarif(report, { rootDir: '/repo' }));
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications.length).toBe(COLLECTORS.length + 1);
  });
});
