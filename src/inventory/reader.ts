import { InputError } from '../errors.js';
import type { Inventory } from './inventory.js';
import { forEachLine } from './lines.js';
import { InventoryMerger } from './merge.js';
import type { InventoryRecord } from './schema.js';
import { checkRecord } from './validate.js';

/** Keeps the parser's message but drops the echo of the input it may carry (untrusted and unbounded). */
function jsonProblem(err: unknown, text: string): { message: string; column?: number } {
  const raw = err instanceof Error ? err.message : String(err);
  const pos = /at position (\d+)/.exec(raw);
  const message = raw
    .replace(/,? ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ \(line \d+ column \d+\)$/, '')
    .trim();
  let column = pos ? Number(pos[1]) + 1 : undefined;
  if (column === undefined && /end of JSON input/.test(raw)) column = text.length + 1;
  return { message: `invalid JSON: ${message || 'cannot parse'}`, column };
}

/** Parses and validates one line; throws an InputError located at FILE:LINE[:COL]. */
export function parseInventoryLine(text: string, file: string, line: number): InventoryRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const { message, column } = jsonProblem(err, text);
    throw new InputError(message, { file, line, column });
  }
  const problem = checkRecord(value);
  if (problem !== null) throw new InputError(problem, { file, line });
  return value as InventoryRecord;
}

/**
 * Streams one inventory file into `merger`. The first record must be a header; later headers are
 * allowed and start a new shard, so `cat shard-*.jsonl > all.jsonl` is a valid inventory. Blank lines
 * are ignored.
 */
async function readInto(path: string, merger: InventoryMerger): Promise<void> {
  merger.startFile();
  let records = 0;
  const lines = await forEachLine(path, (text, line) => {
    if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) return;
    merger.add(parseInventoryLine(text, path, line), { file: path, line });
    records++;
  });
  if (records === 0) {
    const what = lines === 0 ? 'empty file' : 'only blank lines';
    throw new InputError(`not an inventory: ${what} (the first record must be a header)`, { file: path });
  }
}

/**
 * Reads one or more inventory files (shards) and merges them into one Inventory (see InventoryMerger
 * for the merge and de-duplication rules). Any unreadable, corrupt or invalid line is an InputError
 * naming FILE:LINE.
 */
export async function readInventory(paths: string[]): Promise<Inventory> {
  if (paths.length === 0) throw new InputError('no inventory file given');
  const merger = new InventoryMerger();
  for (const path of paths) await readInto(path, merger);
  return merger.result();
}
