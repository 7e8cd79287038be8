import { evaluate } from '../engine/evaluate.js';
import { applyBaseline, loadBaseline } from '../findings/baseline.js';
import type { Report } from '../findings/model.js';
import type { Severity } from '../findings/severity.js';
import type { Inventory } from '../inventory/inventory.js';
import { baselineScopeWarning } from '../report/baseline-warning.js';
import { renderConsoleSummary, useColor } from '../report/console.js';
import { renderMarkdown } from '../report/formats/markdown.js';
import { publishToGithub } from '../report/github.js';
import { checkOutputOptions, writeRunReports } from '../report/write.js';
import { VERSION } from '../version.js';
import { exitCodeOf, statusOf, verdictLine } from './exit-code.js';
import { type AppIo, nowOf } from './io.js';
import type { RuleInputs } from './rule-inputs.js';

/** The rule, output and gate options evaluate, scan and demo share. */
export interface ReportOptions {
  /** Rule files and folders; empty = ./rules when it exists, else the bundled pack. */
  rulesPaths: string[];
  exceptionsPath?: string;
  /** Output folder, or '-' for one format on stdout. */
  out: string;
  formats: string[];
  failOn: Severity | 'none';
  allowPartial: boolean;
  baselinePath?: string;
  failOnNew?: boolean;
  quiet?: boolean;
}

/** What a run that evaluated an inventory returns. */
export interface RunOutcome {
  exitCode: number;
  report: Report;
  /** Paths written ('-' for stdout). */
  written: string[];
}

/**
 * Loaded rules + inventory → report files, summary and exit code; the tail of evaluate, scan and demo.
 * The baseline is read before anything is written; input problems are thrown (the CLI exits 2) and leave
 * earlier reports untouched.
 */
export async function evaluateAndReport(
  inputs: RuleInputs,
  opts: ReportOptions & {
    inventory: Inventory;
    now: Date;
    /** When the whole run started (scan): recorded in run.startedAt/finishedAt. Evaluate leaves it out so its output is reproducible. */
    startedAt?: Date;
  },
  io: AppIo,
): Promise<RunOutcome> {
  const formats = checkOutputOptions(opts.out, opts.formats);
  const baseline = opts.baselinePath ? await loadBaseline(opts.baselinePath) : undefined;

  let report = evaluate({
    inventory: opts.inventory,
    rules: inputs.rules,
    exceptions: inputs.exceptions,
    now: opts.now,
    rulesDigest: inputs.digest,
    toolVersion: VERSION,
    // JUnit lists every passing (rule, resource) as a test case; nothing else needs the pass list.
    includePassed: formats.includes('junit'),
  });
  if (opts.startedAt) {
    report.run = {
      ...report.run,
      startedAt: opts.startedAt.toISOString(),
      finishedAt: nowOf(io).toISOString(),
    };
  }
  if (baseline) report = applyBaseline(report, baseline);

  const missingShards = opts.inventory.missingShards;
  const gate = { ...opts, missingShards };
  const exitCode = exitCodeOf(report, gate);
  const written = await writeRunReports(report, {
    out: opts.out,
    formats,
    rootDir: io.cwd,
    stdout: io.stdout,
    status: statusOf(exitCode),
  });

  const { stderr, env } = io;
  if (missingShards) {
    // The report cannot show what was never collected; say it here, and exit 3 (see exitCodeOf).
    stderr.write(
      `amiaudit: warning: inventory shard${missingShards.length === 1 ? '' : 's'} ${missingShards.join(', ')} ` +
        'not given: their accounts are not in this audit\n',
    );
  }
  // A baseline of another scope makes every finding "new": say so even with --quiet, since it changes the gate.
  const scopeWarning = baseline ? baselineScopeWarning(report, baseline) : undefined;
  if (scopeWarning) stderr.write(`${scopeWarning}\n`);
  if (!opts.quiet) {
    const paths = written.filter((p) => p !== '-');
    stderr.write(renderConsoleSummary(report, { color: useColor(stderr, env), paths }));
    stderr.write(`${verdictLine(report, exitCode, gate)}\n`);
  }
  if (env.GITHUB_ACTIONS === 'true' || env.GITHUB_STEP_SUMMARY) {
    await publishToGithub(report, renderMarkdown(report, { status: statusOf(exitCode) }), env, stderr);
  }
  return { exitCode, report, written };
}
