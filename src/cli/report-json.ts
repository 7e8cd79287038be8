import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Report } from '../report/model.js';

const BATCH_CHARS = 1024 * 1024;
const ITEMS_PER_BATCH = 500;
const WRAP_HEAD = '{\n  "a": [\n';
const WRAP_TAIL = '\n  ]\n}';

/**
 * Streams a report as findings.json to `out`, byte for byte what `toJson(report)` would produce
 * (`JSON.stringify(report, null, 2)` plus a newline), without building one string for the whole file:
 * a million findings exceed V8's maximum string length (~512 MiB).
 */
export async function streamReportJson(report: Report, out: Writable): Promise<void> {
  const { findings, resolved } = report;
  // Placeholders keep every other key where JSON.stringify would put it; the arrays are spliced in.
  // Random, so no string in the report (cloud strings are untrusted) can equal it.
  const marker = `\u0000${randomUUID()}\u0000`;
  const isArray = (key: string, value: unknown) =>
    (key === 'findings' || key === 'resolved') && Array.isArray(value);
  const skeleton: Record<string, unknown> = {};
  const arrays: string[] = [];
  for (const [key, value] of Object.entries(report)) {
    skeleton[key] = isArray(key, value) ? marker : value;
    if (isArray(key, value)) arrays.push(key);
  }
  const parts = JSON.stringify(skeleton, null, 2).split(JSON.stringify(marker));
  let batch = '';
  const put = async (s: string): Promise<void> => {
    batch += s;
    if (batch.length >= BATCH_CHARS) {
      const chunk = batch;
      batch = '';
      if (!out.write(chunk)) await once(out, 'drain');
    }
  };
  for (let i = 0; i < parts.length; i++) {
    await put(parts[i]);
    if (i === arrays.length) break;
    const list = (arrays[i] === 'findings' ? findings : resolved) ?? [];
    if (list.length === 0) {
      await put('[]');
      continue;
    }
    // Items sit two levels deep (report → array → item). Stringifying a batch inside a one-key object
    // gives exactly that indentation natively; the wrapper's first and last lines are cut off.
    await put('[\n');
    for (let j = 0; j < list.length; j += ITEMS_PER_BATCH) {
      const text = JSON.stringify({ a: list.slice(j, j + ITEMS_PER_BATCH) }, null, 2);
      await put(text.slice(WRAP_HEAD.length, text.length - WRAP_TAIL.length));
      if (j + ITEMS_PER_BATCH < list.length) await put(',\n');
    }
    await put('\n  ]');
  }
  await put('\n');
  if (batch.length > 0 && !out.write(batch)) await once(out, 'drain');
}

/** Writes findings.json to a file by streaming; the caller renames it into place. */
export async function writeReportJsonFile(report: Report, path: string): Promise<void> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  await Promise.race([streamReportJson(report, out), failed]);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}
