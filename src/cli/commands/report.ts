import { UsageError } from '../../errors.js';
import { applyBaseline, loadBaseline } from '../../findings/baseline.js';
import { readFindings } from '../../findings/read.js';
import { baselineScopeWarning } from '../../report/baseline-warning.js';
import { renderConsoleSummary, useColor } from '../../report/console.js';
import { renderMarkdown } from '../../report/formats/markdown.js';
import { publishToGithub } from '../../report/github.js';
import { FORMATS, parseFormats, writeReports } from '../../report/write.js';
import { EXIT } from '../exit-codes.js';
import { parse } from '../options.js';

const HELP = `usage: amiaudit report --findings FILE [--format LIST] [--out DIR|-] [--baseline FILE] [--quiet]

Re-renders an existing findings.json into other formats.
  --findings FILE   a findings.json written by scan or evaluate (validated)
  --format LIST     any of ${FORMATS.join(',')} (default json,html)
  --out DIR|-       output folder (default reports/); '-' writes one format to stdout
  --baseline FILE   a previous findings.json: mark findings new/unchanged and list resolved ones
  --quiet           no summary on stderr
`;

/** amiaudit report: validate a findings.json and write it in the requested formats. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    findings: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    baseline: { type: 'string' },
    quiet: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.clean;
  }
  if (!values.findings) throw new UsageError('report needs --findings FILE');
  const formats = parseFormats(values.format);
  const out = values.out ?? 'reports';
  let report = await readFindings(values.findings);
  if (values.baseline) {
    const baseline = await loadBaseline(values.baseline);
    // A warning, not an error: comparing across scopes can be deliberate (e.g. after a reorganization).
    const warning = baselineScopeWarning(report, baseline);
    if (warning) process.stderr.write(`${warning}\n`);
    report = applyBaseline(report, baseline);
  }
  const paths = await writeReports(report, { out, formats });
  await publishToGithub(report, renderMarkdown(report), process.env, process.stderr);
  if (!values.quiet) {
    const shown = paths.filter((p) => p !== '-');
    process.stderr.write(
      renderConsoleSummary(report, { color: useColor(process.stderr, process.env), paths: shown }),
    );
  }
  return EXIT.clean;
}
