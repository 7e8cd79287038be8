import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Report } from './model.js';

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

/** Serialises a report as findings.json (stable key order comes from the engine). */
export function toJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
