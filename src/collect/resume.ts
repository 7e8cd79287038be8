import { rename, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { forEachLine } from '../inventory/lines.js';
import { parseInventoryLine } from '../inventory/reader.js';
import type { HeaderRecord, InventoryRecord, SegmentRecord } from '../inventory/schema.js';
import { accountRegionKey } from './schedule.js';

/** Statuses of a finished segment that need no second look. */
const FINISHED = new Set<SegmentRecord['status']>(['ok', 'skipped']);
/** Account-level collectors: run again on resume (one AssumeRole and DescribeRegions per account). */
const ACCOUNT_LEVEL = new Set(['assume-role', 'regions']);

/**
 * A partial inventory to continue (`--resume FILE`): its header and the account-regions it collected
 * completely. An account-region's segment records are written after all its other records (see
 * run.ts), so one whose every collector has a finished segment is known to be whole; its records are
 * replayed into the new inventory and it is not collected again. Everything else — account-level
 * records, gaps, account-regions cut off by the interruption — is collected afresh.
 */
export interface ResumeSource {
  /** The file as the user named it. */
  readonly file: string;
  readonly header: HeaderRecord;
  /** `account/region` keys collected completely. */
  readonly completed: ReadonlySet<string>;
  /** Refuses a run whose targets, shard, regions or collectors differ from the partial inventory's. */
  check(header: HeaderRecord): void;
  /** Writes the records of the completed account-regions; resolves with how many. */
  replay(write: (record: InventoryRecord) => void): Promise<number>;
  /**
   * Ends the resume: the set-aside copy (see openResume) is removed once the new partial inventory
   * holds all it replayed, and put back in place when the run ended before that.
   */
  done(): Promise<void>;
}

/**
 * Reads every record of `path`, tolerating one unreadable last line (a write cut short by the
 * interruption); any other bad line is an InputError at FILE:LINE.
 */
async function forEachRecord(
  path: string,
  shown: string,
  onRecord: (r: InventoryRecord, line: number) => void,
) {
  let broken: InputError | undefined;
  await forEachLine(path, (text, line) => {
    if (broken) throw broken;
    if (text.trim() === '') return;
    let record: InventoryRecord;
    try {
      record = parseInventoryLine(text, shown, line);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      broken = err;
      return;
    }
    onRecord(record, line);
  });
  // Only the last line may be broken: it is dropped, and its account-region collected again.
}

function sameSet(a: readonly string[] = [], b: readonly string[] = []): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

/** What differs between two lists, in words: "missing 1, 2; extra 3". */
function difference(was: readonly string[] = [], now: readonly string[] = []): string {
  const missing = now.filter((x) => !was.includes(x));
  const extra = was.filter((x) => !now.includes(x));
  const parts = [
    ...(missing.length
      ? [`this run adds ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`]
      : []),
    ...(extra.length
      ? [`this run lacks ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', …' : ''}`]
      : []),
  ];
  return parts.join('; ');
}

const shardText = (s: HeaderRecord['shard']) => (s ? `${s.index}/${s.count}` : 'none');

/**
 * Opens a partial inventory for `--resume`. When it is the very file this run streams to
 * (`<inventory>.partial`), it is first set aside as `<file>.resume`, read from there, and removed by
 * `done()`, so the new partial inventory never truncates the one it continues.
 */
export async function openResume(file: string, streamsTo: string): Promise<ResumeSource> {
  let source = file;
  if (resolve(file) === resolve(streamsTo)) {
    source = `${file}.resume`;
    try {
      await rename(file, source);
    } catch (err) {
      throw new InputError(`cannot resume: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file });
    }
  }
  let header: HeaderRecord | undefined;
  const finished = new Map<string, Set<string>>();
  const unfinished = new Set<string>();
  await forEachRecord(source, file, (r, line) => {
    if (r.kind === 'header') {
      if (header) {
        throw new InputError('cannot resume an inventory of several collections (a second header)', {
          file,
          line,
        });
      }
      header = r;
      return;
    }
    if (!header) throw new InputError('not an inventory: the first record must be a header', { file, line });
    if (r.kind !== 'segment' || ACCOUNT_LEVEL.has(r.collector)) return;
    const key = accountRegionKey(r.account, r.region);
    if (!FINISHED.has(r.status)) unfinished.add(key);
    else {
      const set = finished.get(key) ?? new Set<string>();
      set.add(r.collector);
      finished.set(key, set);
    }
  });
  if (!header) throw new InputError('not an inventory: no header (nothing to resume)', { file });
  const head = header;
  let replayed = false;
  const regional = (head.collectors ?? []).filter((c) => !ACCOUNT_LEVEL.has(c));
  const completed = new Set(
    [...finished]
      .filter(([key, set]) => !unfinished.has(key) && regional.every((c) => set.has(c)))
      .map(([key]) => key),
  );

  return {
    file,
    header: head,
    completed,
    check(now) {
      const problems: string[] = [];
      if (!sameSet(head.requestedAccounts, now.requestedAccounts))
        problems.push(`its accounts differ (${difference(head.requestedAccounts, now.requestedAccounts)})`);
      if (shardText(head.shard) !== shardText(now.shard))
        problems.push(`its shard is ${shardText(head.shard)}, this run's ${shardText(now.shard)}`);
      if (!sameSet(head.regions, now.regions))
        problems.push(`its regions differ (${difference(head.regions, now.regions)})`);
      if (!sameSet(head.collectors, now.collectors))
        problems.push(`its collectors differ (${difference(head.collectors, now.collectors)})`);
      if (problems.length > 0) {
        throw new InputError(
          `cannot resume: ${problems.join('; ')} — resume with the options of the interrupted run, or collect afresh without --resume`,
          { file },
        );
      }
    },
    async replay(write) {
      let n = 0;
      await forEachRecord(source, file, (r) => {
        if (r.kind === 'header' || r.region === '*') return;
        if (!completed.has(accountRegionKey(r.account, r.region))) return;
        write(r);
        n++;
      });
      replayed = true;
      return n;
    },
    async done() {
      if (source === file) return;
      if (replayed) await unlink(source).catch(() => undefined);
      else await rename(source, file);
    },
  };
}
