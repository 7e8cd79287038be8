import { applyBaseline, loadBaseline } from '../findings/baseline.js';
import type { Report } from '../findings/model.js';
import { readFindings } from '../findings/read.js';
import { baselineScopeWarning } from '../report/baseline-warning.js';
import { renderConsoleSummary, useColor } from '../report/console.js';
import { renderMarkdown } from '../report/formats/markdown.js';
import { publishToGithub } from '../report/github.js';
import { parseFormats, writeReports } from '../report/write.js';
import { DEFAULT_OUT } from './defaults.js';
import { EXIT } from './exit-codes.js';
import type { AppIo } from './io.js';

export interface ReportCommandOptions {
  /** A findings.json written by scan or evaluate (validated). */
  findingsPath: string;
  /** The --format list (default json,html). */
  formats?: string;
  /** Output folder (default reports/), or '-' for one format on stdout. */
  out?: string;
  /** A previous findings.json: mark findings new/unchanged and list resolved ones. */
  baselinePath?: string;
  quiet: boolean;
}

/** What re-rendering returns. */
export interface ReportOutcome {
  exitCode: number;
  report: Report;
  written: string[];
}

/** Validates a findings.json and writes it in the requested formats; exit 0 (errors are thrown). */
export async function rerenderFindings(opts: ReportCommandOptions, io: AppIo): Promise<ReportOutcome> {
  const formats = parseFormats(opts.formats);
  const out = opts.out ?? DEFAULT_OUT;
  let report = await readFindings(opts.findingsPath);
  if (opts.baselinePath) {
    const baseline = await loadBaseline(opts.baselinePath);
    // A warning, not an error: comparing across scopes can be deliberate (e.g. after a reorganization).
    const warning = baselineScopeWarning(report, baseline);
    if (warning) io.stderr.write(`${warning}\n`);
    report = applyBaseline(report, baseline);
  }
  const written = await writeReports(report, { out, formats, rootDir: io.cwd, stdout: io.stdout });
  await publishToGithub(report, renderMarkdown(report), io.env, io.stderr);
  if (!opts.quiet) {
    const shown = written.filter((p) => p !== '-');
    io.stderr.write(renderConsoleSummary(report, { color: useColor(io.stderr, io.env), paths: shown }));
  }
  return { exitCode: EXIT.clean, report, written };
}
