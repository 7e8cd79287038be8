import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/findings/model.js';
import { planRemediation } from '../../src/remediate/planner.js';
import { renderOutcomes, renderPlan, renderUndo } from '../../src/remediate/render.js';
import { renderConsoleSummary } from '../../src/report/console.js';
import { renderCsv } from '../../src/report/formats/csv.js';
import { renderHtml } from '../../src/report/formats/html.js';
import { renderJunit } from '../../src/report/formats/junit.js';
import { renderMarkdown } from '../../src/report/formats/markdown.js';
import { renderSarif } from '../../src/report/formats/sarif.js';
import { githubAnnotations } from '../../src/report/github.js';
import { toJson } from '../../src/report/write-json.js';
import { imageFinding, report as remediationReport } from '../remediate/helpers.js';
import { clone, loadFixture } from './helpers.js';

/** Each hostile string, the character that must not survive, and the visible escape that must show instead. */
const HOSTILE: Array<{ name: string; text: string; raw: string; shown: string }> = [
  { name: 'U+202E RLO', text: 'invoice\u202efdp.exe', raw: '\u202e', shown: '\\u202e' },
  { name: 'U+2066 LRI isolate', text: 'iso\u2066late', raw: '\u2066', shown: '\\u2066' },
  { name: 'U+200B zero-width space', text: 'zero\u200bwidth', raw: '\u200b', shown: '\\u200b' },
  { name: 'ESC colour', text: 'esc\x1b[31mred', raw: '\x1b', shown: '\\u001b' },
  { name: 'BEL', text: 'bell\x07ring', raw: '\x07', shown: '\\u0007' },
  { name: 'NUL', text: 'nul\x00byte', raw: '\x00', shown: '\\u0000' },
  { name: 'C1 CSI', text: 'csi\x9b2J', raw: '\x9b', shown: '\\u009b' },
  { name: 'U+FEFF BOM', text: 'bom\ufeffname', raw: '\ufeff', shown: '\\ufeff' },
];

/**
 * The fixture with the hostile string in every cloud field a format shows: the first finding's resource
 * name, message and a tag, an exception's reason, and a coverage gap's error.
 */
function hostileReport(text: string): Report {
  const r = clone(loadFixture());
  const f = r.findings[0]!;
  f.resource.name = text;
  f.message = `AMI ${text} is public`;
  f.resource.tags = { ...f.resource.tags, team: text };
  const suppressed = r.findings.find((x) => x.exception)!;
  suppressed.exception!.reason = text;
  r.coverage.gaps[0]!.error = `AccessDenied ${text}`;
  return r;
}

/** Text a format renders, with what the check reads (for JSON formats: the decoded strings a viewer shows). */
const FORMATS: Array<{ name: string; render: (r: Report) => string }> = [
  {
    name: 'report.html (page text)',
    // The data block is checked on its own below: JSON.stringify writes ESC as \u001b by itself.
    render: (r) => renderHtml(r).replace(/<script[\s\S]*?<\/script>/g, ''),
  },
  {
    name: 'report.html (filter data)',
    render: (r) => {
      const block = /<script type="application\/json" id="amiaudit-data">([\s\S]*?)<\/script>/.exec(
        renderHtml(r),
      )![1]!;
      return (JSON.parse(block).rows as Array<Record<string, unknown>>)
        .map((row) => `${row.message} ${row.text}`)
        .join('\n');
    },
  },
  { name: 'summary.md', render: (r) => renderMarkdown(r) },
  { name: 'findings.csv', render: (r) => renderCsv(r) },
  {
    name: 'findings.sarif (message texts)',
    render: (r) => {
      const run = JSON.parse(renderSarif(r, { rootDir: '/work' })).runs[0];
      const texts = [
        ...run.results.map((x: { message: { text: string } }) => x.message.text),
        ...run.results.flatMap(
          (x: { suppressions?: Array<{ justification: string }> }) =>
            x.suppressions?.map((s) => s.justification) ?? [],
        ),
        ...run.invocations[0].toolExecutionNotifications.map(
          (n: { message: { text: string } }) => n.message.text,
        ),
      ];
      return texts.join('\n');
    },
  },
  { name: 'junit.xml', render: (r) => renderJunit(r) },
  { name: 'GitHub annotations', render: (r) => githubAnnotations(r).join('') },
  { name: 'console summary', render: (r) => renderConsoleSummary(r, { color: false }) },
];

describe.each(HOSTILE)('hostile text: $name', ({ text, raw, shown }) => {
  it.each(FORMATS)('$name shows it as a visible escape', ({ render }) => {
    const out = render(hostileReport(text));
    expect(out).not.toContain(raw);
    expect(out).toContain(shown);
  });

  it('findings.json keeps the raw string as data', () => {
    const parsed = JSON.parse(toJson(hostileReport(text))) as Report;
    expect(parsed.findings[0]!.resource.name).toBe(text);
    expect(parsed.findings[0]!.message).toBe(`AMI ${text} is public`);
    expect(parsed.coverage.gaps[0]!.error).toBe(`AccessDenied ${text}`);
  });

  it('the remediation plan, outcome and undo tables show it as a visible escape', () => {
    const finding = imageFinding({ imageId: `ami-${text}` });
    finding.resource.name = text;
    const plan = planRemediation(
      remediationReport([finding], `run-${text}`),
      { maxActions: 25 },
      new Date('2026-02-01T00:00:00Z'),
    );
    const step = plan.steps[0]!;
    const outputs = [
      renderPlan(plan, false),
      renderOutcomes([{ step, status: 'failed', reason: `AWS said ${text}` }], `journal-${text}.jsonl`),
      renderUndo(
        [
          {
            stepId: step.id,
            action: 'tag',
            resource: step.resource,
            status: 'failed',
            reason: text,
            now: true,
          },
        ],
        `journal-${text}.jsonl`,
      ),
    ];
    for (const out of outputs) {
      expect(out).not.toContain(raw);
      expect(out).toContain(shown);
    }
  });
});
