import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { evaluate } from '../engine/evaluate.js';
import { InputErrors, UsageError } from '../errors.js';
import { applyBaseline, loadBaseline } from '../findings/baseline.js';
import { gateFindings } from '../findings/gate.js';
import type { Report } from '../findings/model.js';
import type { Severity } from '../findings/severity.js';
import type { Inventory } from '../inventory/inventory.js';
import { baselineScopeWarning } from '../report/baseline-warning.js';
import { renderConsoleSummary, useColor } from '../report/console.js';
import { FORMAT_MAP, type FormatName } from '../report/formats/index.js';
import { renderMarkdown } from '../report/formats/markdown.js';
import { publishToGithub } from '../report/github.js';
import { parseFormats, writeReports } from '../report/write.js';
import { loadExceptions, validateExceptionRuleIds } from '../rules/exceptions.js';
import { defaultRulePaths, loadRules } from '../rules/load.js';
import type { LoadedException } from '../rules/schema.js';
import { VERSION } from '../version.js';
import { EXIT } from './exit-codes.js';
import { streamReportJson, writeReportJsonFile } from './report-json.js';

/** Default exceptions file, used when it exists and no --exceptions is given. */
export const DEFAULT_EXCEPTIONS = 'exceptions.yaml';
/** Default output folder. */
export const DEFAULT_OUT = 'reports';

export interface PipelineOptions {
  inventory: Inventory;
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
  now: Date;
  /** When the whole run started (scan): recorded in run.startedAt/finishedAt. Evaluate leaves it out so its output is reproducible. */
  startedAt?: Date;
  quiet?: boolean;
  /** Where the human summary goes (default process.stderr). */
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where `--out -` output goes (default process.stdout). */
  stdout?: Writable;
  env?: Record<string, string | undefined>;
}

export interface PipelineResult {
  report: Report;
  exitCode: number;
  /** Paths written ('-' for stdout). */
  written: string[];
}

/**
 * The exit code of a finished run (DESIGN.md contract): 1 when an open finding is at or above `failOn`
 * (with `failOnNew`, only new ones count); otherwise 3 when coverage is incomplete — gaps in the report,
 * or shards of the inventory missing — unless `allowPartial`; otherwise 0.
 */
export function exitCodeOf(
  report: Report,
  gate: { failOn: Severity | 'none'; allowPartial: boolean; failOnNew?: boolean; missingShards?: string[] },
): number {
  if (gateFindings(report, gate.failOn, gate.failOnNew).length > 0) return EXIT.violations;
  const incomplete = !report.coverage.complete || (gate.missingShards?.length ?? 0) > 0;
  if (incomplete && !gate.allowPartial) return EXIT.incomplete;
  return EXIT.clean;
}

/**
 * Validates --format and --out together; commands call it before slow work (reading inventories) so a
 * usage mistake costs nothing. (--fail-on-new without --baseline is allowed: every finding is then new,
 * so nothing is hidden on a first CI run.)
 */
export function checkOutputOptions(out: string, formats: string | string[] | undefined): FormatName[] {
  const parsed = parseFormats(formats);
  if (out === '-' && parsed.length !== 1) {
    throw new UsageError(`--out - writes one format to stdout; got --format ${parsed.join(',')}`);
  }
  return parsed;
}

/** Loads --exceptions (or ./exceptions.yaml when it exists) and checks its rule ids against the loaded rules. */
export async function loadExceptionsFor(
  path: string | undefined,
  ruleIds: string[],
): Promise<LoadedException[]> {
  const file = path ?? (existsSync(DEFAULT_EXCEPTIONS) ? DEFAULT_EXCEPTIONS : undefined);
  if (!file) return [];
  const exceptions = await loadExceptions(file);
  const errors = validateExceptionRuleIds(exceptions, ruleIds);
  if (errors.length > 0) throw new InputErrors(errors);
  return exceptions;
}

/**
 * Writes the report: findings.json is streamed (it can exceed V8's string limit at a million AMIs) to a
 * temp file, the other formats are rendered and written by the report writer, and findings.json is
 * renamed into place last. A failure anywhere leaves the previous reports untouched.
 */
async function writeAll(full: Report, formats: FormatName[], opts: PipelineOptions): Promise<string[]> {
  const stdout = opts.stdout ?? process.stdout;
  // The pass list feeds JUnit only; findings.json stays the contract shape (findings, not passes).
  const { passed: _passed, ...report } = full;
  if (opts.out === '-') {
    if (formats[0] === 'json') {
      await streamReportJson(report, stdout);
      return ['-'];
    }
    return writeReports(full, { out: '-', formats, stdout });
  }
  const others = formats.filter((f) => f !== 'json');
  if (!formats.includes('json')) return writeReports(full, { out: opts.out, formats: others });
  await mkdir(opts.out, { recursive: true });
  const final = join(opts.out, FORMAT_MAP.json.file);
  const tmp = join(opts.out, `.findings.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeReportJsonFile(report, tmp);
    const written = others.length > 0 ? await writeReports(full, { out: opts.out, formats: others }) : [];
    await rename(tmp, final);
    return [final, ...written];
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Rules + exceptions + inventory → report files, summary and exit code; shared by evaluate, scan and demo.
 * Every input (rules, exceptions, baseline, options) is loaded and validated before anything is written;
 * input problems are thrown (the CLI exits 2) and leave earlier reports untouched.
 */
export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const formats = checkOutputOptions(opts.out, opts.formats);
  const rulesPaths = opts.rulesPaths.length > 0 ? opts.rulesPaths : defaultRulePaths();
  const { rules, digest } = await loadRules(rulesPaths);
  const exceptions = await loadExceptionsFor(
    opts.exceptionsPath,
    rules.map((r) => r.id),
  );
  const baseline = opts.baselinePath ? await loadBaseline(opts.baselinePath) : undefined;

  let report = evaluate({
    inventory: opts.inventory,
    rules,
    exceptions,
    now: opts.now,
    rulesDigest: digest,
    toolVersion: VERSION,
    // JUnit lists every passing (rule, resource) as a test case; nothing else needs the pass list.
    includePassed: formats.includes('junit'),
  });
  if (opts.startedAt) {
    report.run = {
      ...report.run,
      startedAt: opts.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
    };
  }
  if (baseline) report = applyBaseline(report, baseline);

  const missingShards = opts.inventory.missingShards;
  const exitCode = exitCodeOf(report, { ...opts, missingShards });
  const written = await writeAll(report, formats, opts);

  const stderr = opts.stderr ?? process.stderr;
  const env = opts.env ?? process.env;
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
    stderr.write(`${verdict(report, exitCode, opts)}\n`);
  }
  if (env.GITHUB_ACTIONS === 'true' || env.GITHUB_STEP_SUMMARY) {
    await publishToGithub(report, renderMarkdown(report), env, stderr);
  }
  return { report, exitCode, written };
}

/** One line that says why the exit code is what it is. */
function verdict(report: Report, exitCode: number, opts: PipelineOptions): string {
  if (exitCode === EXIT.violations) {
    const n = gateFindings(report, opts.failOn, opts.failOnNew).length;
    return `FAIL: ${n} ${opts.failOnNew ? 'new ' : ''}open finding${n === 1 ? '' : 's'} at or above ${opts.failOn} (exit 1)`;
  }
  const incomplete = !report.coverage.complete || opts.inventory.missingShards !== undefined;
  if (exitCode === EXIT.incomplete) {
    return 'INCOMPLETE: no violation at the threshold, but coverage is incomplete (exit 3; --allow-partial accepts it)';
  }
  if (incomplete) return 'PASS (partial): coverage is incomplete, accepted by --allow-partial';
  return 'PASS';
}
