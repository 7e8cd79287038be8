import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { Report } from '../findings/model.js';
import { FORMAT_MAP, FORMATS, type FormatName } from './formats/index.js';
import type { RenderOptions } from './formats/options.js';

export { FORMATS, type FormatName } from './formats/index.js';
export { toJson } from './write-json.js';

/** Writes a file atomically: a temp file beside it, then rename, so a failed run never leaves half a report. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

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

export interface WriteReportsOptions extends RenderOptions {
  /** Output folder, or '-' to write the single requested format to stdout. */
  out: string;
  formats: readonly string[];
  /** Where '-' output goes (default process.stdout). */
  stdout?: { write(chunk: string): unknown };
}

/**
 * Renders every requested format in memory first (a rendering failure writes nothing), then writes each
 * file atomically. Returns the paths written ('-' for stdout). Rule file paths in SARIF are made relative
 * to `rootDir` (default: the current folder).
 */
export async function writeReports(report: Report, options: WriteReportsOptions): Promise<string[]> {
  const formats = parseFormats([...options.formats]);
  const renderOptions: RenderOptions = { ...options, rootDir: options.rootDir ?? process.cwd() };
  if (options.out === '-') {
    if (formats.length !== 1) {
      throw new UsageError(`--out - writes one format to stdout; got --format ${formats.join(',')}`);
    }
    const text = FORMAT_MAP[formats[0]!].render(report, renderOptions);
    (options.stdout ?? process.stdout).write(text);
    return ['-'];
  }
  const rendered = formats.map((f) => ({
    path: join(options.out, FORMAT_MAP[f].file),
    text: FORMAT_MAP[f].render(report, renderOptions),
  }));
  for (const r of rendered) await writeAtomic(r.path, r.text);
  return rendered.map((r) => r.path);
}
