import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, fdatasync, fsync, openSync, write } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Report } from '../findings/model.js';

/** Serialises a report as findings.json (stable key order comes from the engine). */
export function toJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

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

/** Size of each output buffer: large enough that writes are few, small enough to stay outside the JS heap cheaply. */
const BUFFER_BYTES = 4 * 1024 * 1024;
/** Buffers written but not yet acknowledged before put() waits: bounds memory, keeps the disk busy. */
const MAX_IN_FLIGHT = 2;
/** Bytes after which a background fdatasync starts, so the final fsync has little left to flush. */
const SYNC_EVERY_BYTES = 128 * 1024 * 1024;

function writeAt(fd: number, buf: Buffer, length: number, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (offset: number): void => {
      write(fd, buf, offset, length - offset, position + offset, (err, written) => {
        if (err) reject(err);
        else if (offset + written < length) step(offset + written);
        else resolve();
      });
    };
    step(0);
  });
}

/**
 * Appends text to a file through a few large buffers. Each full buffer is written at its offset on
 * libuv's thread pool while the next one is being filled, and the file is synced in the background as
 * it grows: at a million findings, a gigabyte of disk writes and flushing overlaps the JSON encoding
 * instead of following it.
 */
class BackgroundFileWriter {
  private buf: Buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private position = 0;
  private syncedUpTo = 0;
  private readonly inFlight: Promise<void>[] = [];
  private readonly spare: Buffer[] = [];
  private syncing: Promise<void> | undefined;
  private failure: unknown;

  constructor(private readonly fd: number) {}

  /** Appends `chunk`; resolves at once unless too many buffers are still being written. */
  async put(chunk: string): Promise<void> {
    this.throwIfFailed();
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.used + chunk.length * 3 > BUFFER_BYTES) await this.flush();
    if (chunk.length * 3 > BUFFER_BYTES) {
      this.dispatch(Buffer.from(chunk), false);
      return;
    }
    this.used += this.buf.write(chunk, this.used);
  }

  /** Writes what is buffered, waits for every write, and syncs the file to disk. */
  async close(): Promise<void> {
    await this.flush();
    await this.settled();
    this.throwIfFailed();
    await new Promise<void>((resolve, reject) => fsync(this.fd, (err) => (err ? reject(err) : resolve())));
  }

  /** Resolves when no write or sync is running any more (failures are kept for throwIfFailed). */
  async settled(): Promise<void> {
    await Promise.all(this.inFlight);
    await this.syncing;
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.buf.subarray(0, this.used);
    this.buf = this.spare.pop() ?? Buffer.allocUnsafe(BUFFER_BYTES);
    this.used = 0;
    this.dispatch(full, true);
    while (this.inFlight.length > MAX_IN_FLIGHT) await this.inFlight.shift();
    this.throwIfFailed();
  }

  private dispatch(data: Buffer, reuse: boolean): void {
    const done = writeAt(this.fd, data, data.length, this.position).then(
      () => {
        if (reuse && data.buffer.byteLength === BUFFER_BYTES) this.spare.push(Buffer.from(data.buffer));
      },
      (err: unknown) => {
        this.failure ??= err;
      },
    );
    this.inFlight.push(done);
    this.position += data.length;
    if (this.position - this.syncedUpTo >= SYNC_EVERY_BYTES && !this.syncing) {
      this.syncedUpTo = this.position;
      this.syncing = new Promise<void>((resolve) =>
        fdatasync(this.fd, (err) => {
          if (err) this.failure ??= err;
          this.syncing = undefined;
          resolve();
        }),
      );
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/** Writes findings.json to a file and syncs it; the caller renames it into place. */
export async function writeReportJsonFile(report: Report, path: string): Promise<void> {
  const fd = openSync(path, 'w');
  const out = new BackgroundFileWriter(fd);
  try {
    await emitReportJson(report, (chunk) => out.put(chunk));
    await out.close();
  } finally {
    // Even after a failure, no write may still be running when the descriptor is closed.
    await out.settled();
    closeSync(fd);
  }
}
