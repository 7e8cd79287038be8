import type { Finding, Report } from '../../findings/model.js';
import { neutralise } from '../../neutralise.js';
import { cdata, escapeXml } from '../escape.js';
import { SEVERITY_STYLE } from '../severity-style.js';

interface Case {
  classname: string;
  name: string;
  /** The child element (failure/skipped/error), already serialised; empty for a pass. */
  body: string;
}

interface Suite {
  name: string;
  cases: Case[];
  failures: number;
  errors: number;
  skipped: number;
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
}

/** The failure text: one line per field, each field neutralised whole (a newline in a name is shown, not kept). */
function details(f: Finding): string {
  const lines = [`id: ${f.id}`, `arn: ${f.resource.arn}`];
  if (f.resource.name !== undefined) lines.push(`name: ${f.resource.name}`);
  lines.push(`message: ${f.message}`);
  if (Object.keys(f.evidence).length > 0) lines.push(`evidence: ${JSON.stringify(f.evidence)}`);
  if (f.remediation) {
    const params = f.remediation.params ? ` ${JSON.stringify(f.remediation.params)}` : '';
    lines.push(`fix: amiaudit remediate (action ${f.remediation.action}${params})`);
  }
  return lines.map(neutralise).join('\n');
}

function findingCase(f: Finding): Case {
  const classname = `${f.resource.account}.${f.resource.region}`;
  const name = `${f.ruleId} ${f.resource.id}`;
  if (f.status === 'open') {
    const a = attrs({ type: SEVERITY_STYLE[f.severity].junitType, message: f.message });
    return { classname, name, body: `<failure${a}>${cdata(details(f))}</failure>` };
  }
  if (f.status === 'suppressed') {
    const e = f.exception;
    const why = e ? `suppressed: ${e.reason} (owner ${e.owner}, expires ${e.expires})` : 'suppressed';
    return { classname, name, body: `<skipped${attrs({ message: why })}/>` };
  }
  // Inconclusive means "could not check": an error, never green.
  const a = attrs({ type: 'inconclusive', message: f.message });
  return { classname, name, body: `<error${a}>${cdata(details(f))}</error>` };
}

function ruleSuites(report: Report): Suite[] {
  const suites = new Map<string, Suite>();
  const suite = (name: string) => {
    let s = suites.get(name);
    if (!s) {
      s = { name, cases: [], failures: 0, errors: 0, skipped: 0 };
      suites.set(name, s);
    }
    return s;
  };
  for (const r of report.summary.byRule) suite(r.ruleId);
  for (const f of report.findings) {
    const s = suite(f.ruleId);
    s.cases.push(findingCase(f));
    if (f.status === 'open') s.failures++;
    else if (f.status === 'suppressed') s.skipped++;
    else s.errors++;
  }
  for (const r of report.summary.byRule) {
    const s = suite(r.ruleId);
    const passed = report.passed?.[r.ruleId];
    if (passed) {
      for (const p of passed)
        s.cases.push({ classname: `${p.account}.${p.region}`, name: `${r.ruleId} ${p.id}`, body: '' });
    } else {
      // Per-resource passes are only in the report when the engine was asked for them (they would bloat
      // findings.json at a million AMIs); otherwise one aggregate case keeps `tests` honest.
      const n = r.evaluated - r.open - r.suppressed - r.inconclusive;
      if (n > 0)
        s.cases.push({
          classname: `amiaudit.${r.ruleId}`,
          name: `${r.ruleId} ${n} resources passed`,
          body: '',
        });
    }
  }
  for (const s of suites.values()) {
    s.cases.sort((a, b) =>
      a.classname < b.classname
        ? -1
        : a.classname > b.classname
          ? 1
          : a.name < b.name
            ? -1
            : a.name > b.name
              ? 1
              : 0,
    );
  }
  return [...suites.values()];
}

function coverageSuite(report: Report): Suite {
  const cases = report.coverage.gaps.map((g) => ({
    classname: `${g.account}.${g.region}`,
    name: `coverage ${g.collector}`,
    body: `<error${attrs({ type: 'coverage-gap', message: g.error })}>${cdata(neutralise(`${g.account} ${g.region} ${g.collector}: ${g.error}`))}</error>`,
  }));
  if (cases.length === 0) cases.push({ classname: 'amiaudit.coverage', name: 'coverage complete', body: '' });
  return { name: 'coverage', cases, failures: 0, errors: report.coverage.gaps.length, skipped: 0 };
}

/**
 * Renders JUnit XML (the Ant/Jenkins shape GitLab, Jenkins, Azure and the GitHub test reporters read):
 * one suite per rule plus a `coverage` suite; open findings fail (type = severity), suppressed ones are
 * skipped, inconclusive ones and coverage gaps are errors.
 */
export function renderJunit(report: Report): string {
  const suites = [coverageSuite(report), ...ruleSuites(report)];
  const total = (k: 'failures' | 'errors' | 'skipped') => suites.reduce((n, s) => n + s[k], 0);
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'amiaudit', tests, failures: total('failures'), errors: total('errors'), skipped: total('skipped'), time: 0, timestamp: report.run.startedAt })}>`,
  ];
  for (const s of suites) {
    out.push(
      `  <testsuite${attrs({ name: s.name, tests: s.cases.length, failures: s.failures, errors: s.errors, skipped: s.skipped, time: 0 })}>`,
    );
    for (const c of s.cases) {
      const open = `    <testcase${attrs({ classname: c.classname, name: c.name, time: 0 })}`;
      out.push(c.body ? `${open}>\n      ${c.body}\n    </testcase>` : `${open}/>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
