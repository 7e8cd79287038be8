import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { UsageError } from '../errors.js';
import type { Report } from '../findings/model.js';
import { stageFile, writeAtomic } from './atomic-write.js';
import { FORMAT_MAP, FORMATS, type FormatName } from './formats/index.js';
import type { RenderOptions } from './formats/options.js';
import { streamReportJson, writeReportJsonFile } from './write-json.js';

export { FORMATS, type FormatName } from './formats/index.js';
export { toJson } from './write-json.js';

/** Validates a --format list (names from FORMATS, comma/space separated); default json,html. */
export function parseFormats(value: string | string[] | undefined): FormatName[] {
  const items = (Array.isArray(value) ? value : (value ?? 'json,html').split(/[\s,]+/))
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UsageError(`--format needs at least one of ${FORMATS.join(',')}`);
  for (const f of items) {
    if (!(FORMATS as string[]).includes(f)) {
      throw new UsageError(`--format: unknown format "${f}" (expected any of ${FORMATS.join(',')})`);
    }
  }
  return [...new Set(items)] as FormatName[];
}

/** Throws unless `out` is '-' with exactly one format, or a folder. */
function checkStdoutFormats(out: string, formats: readonly string[]): void {
  if (out === '-' && formats.length !== 1) {
    throw new UsageError(`--out - writes one format to stdout; got --format ${formats.join(',')}`);
  }
}

/**
 * Validates --format and --out together, so callers can reject a usage mistake before slow work.
 * (--fail-on-new without --baseline is allowed elsewhere: every finding is then new.)
 */
export function checkOutputOptions(out: string, formats: string | string[] | undefined): FormatName[] {
  const parsed = parseFormats(formats);
  checkStdoutFormats(out, parsed);
  return parsed;
}

export interface WriteReportsOptions extends RenderOptions {
  /** Output folder, or '-' to write the single requested format to `stdout`. */
  out: string;
  formats: readonly string[];
  /** Folder that SARIF makes rule file paths relative to: the caller's working folder. */
  rootDir: string;
  /** Where '-' output goes; required with out '-'. */
  stdout?: { write(chunk: string): unknown };
}

function requireStdout<T>(stdout: T | undefined): T {
  if (!stdout) throw new Error("writing a report to '-' needs a stdout stream");
  return stdout;
}

/**
 * Renders every requested format in memory first (a rendering failure writes nothing), then writes each
 * file atomically. Returns the paths written ('-' for stdout). Rule file paths in SARIF are made relative
 * to `rootDir`.
 */
export async function writeReports(report: Report, options: WriteReportsOptions): Promise<string[]> {
  const formats = parseFormats([...options.formats]);
  if (options.out === '-') {
    checkStdoutFormats(options.out, formats);
    const text = FORMAT_MAP[formats[0]!].render(report, options);
    requireStdout(options.stdout).write(text);
    return ['-'];
  }
  const rendered = formats.map((f) => ({
    path: join(options.out, FORMAT_MAP[f].file),
    text: FORMAT_MAP[f].render(report, options),
  }));
  for (const r of rendered) await writeAtomic(r.path, r.text);
  return rendered.map((r) => r.path);
}

export interface WriteRunReportsOptions extends WriteReportsOptions {
  stdout?: Writable;
}

/**
 * Writes the reports of a run: findings.json is streamed (it can exceed V8's string limit at a million
 * AMIs) to a staged temp file, the other formats are rendered and written by writeReports, and
 * findings.json is renamed into place last. A failure anywhere leaves the previous findings.json untouched.
 */
export async function writeRunReports(full: Report, options: WriteRunReportsOptions): Promise<string[]> {
  const formats = parseFormats([...options.formats]);
  // The pass list feeds JUnit only; findings.json stays the contract shape (findings, not passes).
  const { passed: _passed, ...report } = full;
  if (options.out === '-') {
    checkStdoutFormats(options.out, formats);
    if (formats[0] === 'json') {
      await streamReportJson(report, requireStdout(options.stdout));
      return ['-'];
    }
    return writeReports(full, { ...options, formats });
  }
  const others = formats.filter((f) => f !== 'json');
  if (!formats.includes('json')) return writeReports(full, { ...options, formats: others });
  const final = join(options.out, FORMAT_MAP.json.file);
  const staged = await stageFile(final, (tmp) => writeReportJsonFile(report, tmp));
  try {
    const written = others.length > 0 ? await writeReports(full, { ...options, formats: others }) : [];
    await staged.commit();
    return [final, ...written];
  } catch (err) {
    await staged.discard();
    throw err;
  }
}
