import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Report } from '../report/model.js';

// Small batches keep each stringified piece below V8's large-object threshold (~128 KiB), so the
// pieces die young in the nursery instead of pushing the old generation (which holds the whole
// inventory) into extra full collections.
const ITEMS_PER_BATCH = 50;
const WRAP_HEAD = '{\n  "a": [\n';
const WRAP_TAIL = '\n  ]\n}';

/** Receives the output piece by piece; may return a promise to apply back-pressure. */
type Sink = (chunk: string) => void | Promise<void>;

/**
 * Produces findings.json piece by piece, byte for byte what `toJson(report)` would produce
 * (`JSON.stringify(report, null, 2)` plus a newline), without building one string for the whole file:
 * a million findings exceed V8's maximum string length (~512 MiB).
 */
async function emitReportJson(report: Report, put: Sink): Promise<void> {
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
}

/** Streams findings.json to a writable stream (stdout for `--out -`), honouring back-pressure. */
export async function streamReportJson(report: Report, out: Writable): Promise<void> {
  await emitReportJson(report, async (chunk) => {
    if (!out.write(chunk)) await once(out, 'drain');
  });
}

/**
 * Writes findings.json to a file; the caller renames it into place. Synchronous writes straight to the
 * descriptor: the strings are encoded outside the JS heap, and nothing else runs meanwhile.
 */
export async function writeReportJsonFile(report: Report, path: string): Promise<void> {
  const fd = openSync(path, 'w');
  try {
    await emitReportJson(report, (chunk) => {
      const written = writeSync(fd, chunk);
      const bytes = Buffer.byteLength(chunk);
      if (written < bytes) {
        // Short write (rare on files): finish from the encoded bytes.
        const rest = Buffer.from(chunk).subarray(written);
        for (let off = 0; off < rest.length; ) off += writeSync(fd, rest, off);
      }
    });
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
