import { closeSync, fsync, mkdirSync, openSync, write } from 'node:fs';
import { dirname } from 'node:path';
import type { InventoryRecord } from './schema.js';

/** Serialises one record as an inventory line (no trailing newline). JSON.stringify escapes every line break. */
export function stringifyRecord(record: InventoryRecord): string {
  return JSON.stringify(record);
}

/** Streams inventory records to a JSON Lines file. */
export interface InventoryWriter {
  readonly path: string;
  /** Records accepted so far. */
  readonly records: number;
  /**
   * Queues one record. Returns false when more than the high-water mark is waiting for the disk; a
   * producer that can wait should then `await drain()`.
   */
  write(record: InventoryRecord): boolean;
  /** Resolves once the queue is below the high-water mark again. */
  drain(): Promise<void>;
  /** Writes everything queued so far. */
  flush(): Promise<void>;
  /** Flushes, syncs and closes the file. Rejects with the first write error, if any. */
  close(): Promise<void>;
}

export interface InventoryWriterOptions {
  /** Continue an existing file (`--resume`) instead of truncating it. */
  append?: boolean;
  /** Write at least this often so a crash loses little (default 1000 ms). */
  flushIntervalMs?: number;
  /** Start a write once this many characters are queued (default 256 KiB). */
  chunkChars?: number;
  /** write() returns false above this many queued characters (default 8 MiB). */
  highWaterMark?: number;
}

function writeAll(fd: number, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (offset: number): void => {
      write(fd, data, offset, data.length - offset, null, (err, n) => {
        if (err) reject(err);
        else if (offset + n < data.length) step(offset + n);
        else resolve();
      });
    };
    step(0);
  });
}

/**
 * Opens `path` for writing inventory records. It writes to the final path — not a temp file — so that
 * a crash leaves a usable prefix that `--resume` can continue: every write to the disk is a run of
 * complete lines, issued one at a time in order, and the queue is flushed at least every
 * `flushIntervalMs`. Opening fails at once (synchronously) when the path is not writable.
 */
export function createInventoryWriter(path: string, options: InventoryWriterOptions = {}): InventoryWriter {
  const flushIntervalMs = options.flushIntervalMs ?? 1000;
  const chunkChars = options.chunkChars ?? 256 * 1024;
  const highWaterMark = options.highWaterMark ?? 8 * 1024 * 1024;
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, options.append ? 'a' : 'w');

  let queue: string[] = [];
  let queued = 0;
  let inflight: Promise<void> | undefined;
  let inflightChars = 0;
  let timer: NodeJS.Timeout | undefined;
  let failure: Error | undefined;
  let closed = false;
  let records = 0;
  let waiters: Array<() => void> = [];

  const wakeWaiters = (): void => {
    if (queued + inflightChars >= highWaterMark && !failure) return;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  };

  const pump = (): Promise<void> => {
    if (inflight) return inflight;
    if (queued === 0 || failure) return Promise.resolve();
    const text = queue.join('');
    queue = [];
    inflightChars = queued;
    queued = 0;
    inflight = writeAll(fd, Buffer.from(text, 'utf8'))
      .catch((err: Error) => {
        failure ??= err;
      })
      .finally(() => {
        inflight = undefined;
        inflightChars = 0;
      })
      .then(() => {
        wakeWaiters();
        // More may have been queued while this write was in flight.
        if (queued >= chunkChars) return pump();
        if (queued > 0) schedule();
      });
    return inflight;
  };

  const schedule = (): void => {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void pump();
    }, flushIntervalMs);
    timer.unref();
  };

  const flushAll = async (): Promise<void> => {
    while (inflight || (queued > 0 && !failure)) await pump();
  };

  return {
    path,
    get records() {
      return records;
    },
    write(record) {
      if (failure) throw failure;
      if (closed) throw new Error(`inventory writer for ${path} is closed`);
      const line = `${stringifyRecord(record)}\n`;
      queue.push(line);
      queued += line.length;
      records++;
      if (queued >= chunkChars) void pump();
      else schedule();
      return queued + inflightChars < highWaterMark;
    },
    drain() {
      if (queued + inflightChars < highWaterMark || failure) return Promise.resolve();
      void pump();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async flush() {
      await flushAll();
      if (failure) throw failure;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      try {
        await flushAll();
        if (!failure)
          await new Promise<void>((resolve, reject) => fsync(fd, (e) => (e ? reject(e) : resolve())));
      } finally {
        closeSync(fd);
        wakeWaiters();
      }
      if (failure) throw failure;
    },
  };
}
