import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import type { Resource } from '../findings/model.js';
import { VERSION } from '../version.js';
import type { PlanStep, SnapshotResult } from './types.js';

/** Journal format version (JSON Lines; one record per line, fsynced). */
export const JOURNAL_VERSION = 1;

export interface HeaderRecord {
  type: 'header';
  journalVersion: number;
  tool: { name: 'amiaudit'; version: string };
  findingsRunId: string;
  findingsFile: string;
  createdAt: string;
}

/** Written BEFORE a mutation: what is about to happen and the live state right before. */
export interface IntentRecord {
  type: 'intent';
  stepId: string;
  runId: string;
  at: string;
  findingId: string;
  ruleId: string;
  /** Every finding and rule merged into the step. */
  findingIds?: string[];
  ruleIds?: string[];
  action: string;
  resource: Resource;
  params: Record<string, unknown>;
  before: unknown;
}

export type ResultStatus = 'applied' | 'skipped' | 'failed';

/** Written AFTER a step: its outcome, the state after and what undo needs. */
export interface ResultRecord {
  type: 'result';
  stepId: string;
  runId: string;
  at: string;
  action: string;
  resource: Resource;
  status: ResultStatus;
  reason?: string;
  result?: string;
  after?: unknown;
  undo?: unknown;
  snapshotResults?: SnapshotResult[];
  /** The outcome was established by re-checking live state after an interrupted run. */
  recovered?: boolean;
  /** What the live re-checks noted without doubting (accounts left out of the usage check, and why). */
  evidence?: Record<string, unknown>;
}

export type UndoStatus = 'undone' | 'failed' | 'irreversible';

/** Written after reverting (or refusing to revert) an applied step. */
export interface UndoRecord {
  type: 'undo';
  stepId: string;
  at: string;
  status: UndoStatus;
  reason: string;
}

export type JournalRecord = HeaderRecord | IntentRecord | ResultRecord | UndoRecord;

/** Where a step stands according to the journal. */
export type StepState =
  | { kind: 'pending-intent'; intent: IntentRecord }
  | { kind: 'result'; intent?: IntentRecord; result: ResultRecord }
  | { kind: 'undone'; intent?: IntentRecord; result: ResultRecord; undo: UndoRecord };

/** The journal file name for a findings run: the same name on a re-run, so it can continue. */
export function journalPath(outDir: string, findingsRunId: string): string {
  const safe = findingsRunId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'run';
  return join(outDir, `remediation-journal-${safe}.jsonl`);
}

/** Parses journal text. A torn last line (a crash mid-write) is ignored; any other bad line is an input error. */
export function parseJournal(text: string, file: string): { records: JournalRecord[]; tornTail: boolean } {
  const lines = text.split('\n');
  const records: JournalRecord[] = [];
  let tornTail = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const last = lines.slice(i + 1).every((l) => l.trim() === '');
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      if (last && !text.endsWith('\n')) {
        tornTail = true;
        continue;
      }
      throw new InputError(`not a JSON line: ${(err as Error).message}`, { file, line: i + 1, column: 1 });
    }
    const type = (rec as { type?: unknown })?.type;
    if (!['header', 'intent', 'result', 'undo'].includes(type as string)) {
      throw new InputError('not a journal record (type must be header|intent|result|undo)', {
        file,
        line: i + 1,
        column: 1,
      });
    }
    if (type !== 'header' && typeof (rec as { stepId?: unknown }).stepId !== 'string') {
      throw new InputError('journal record without stepId', { file, line: i + 1, column: 1 });
    }
    records.push(rec as JournalRecord);
  }
  return { records, tornTail };
}

/** Folds records into the current state of each step (last event wins; undo needs the applied result). */
export function stepStates(records: JournalRecord[]): Map<string, StepState> {
  const states = new Map<string, StepState>();
  for (const r of records) {
    if (r.type === 'header') continue;
    const prev = states.get(r.stepId);
    if (r.type === 'intent') states.set(r.stepId, { kind: 'pending-intent', intent: r });
    else if (r.type === 'result') {
      const intent = prev?.kind === 'pending-intent' ? prev.intent : undefined;
      states.set(r.stepId, { kind: 'result', intent, result: r });
    } else if (prev && prev.kind === 'result' && prev.result.status === 'applied' && r.status !== 'failed') {
      states.set(r.stepId, { kind: 'undone', intent: prev.intent, result: prev.result, undo: r });
    }
  }
  return states;
}

/** An append-only, fsynced JSON Lines journal. */
export class Journal {
  readonly records: JournalRecord[];
  private fd: number | undefined;

  private constructor(
    readonly path: string,
    records: JournalRecord[],
    readonly tornTail: boolean,
  ) {
    this.records = records;
  }

  /** Opens (or creates) a journal; a header is written when the file is new. */
  static open(
    path: string,
    header?: Omit<HeaderRecord, 'type' | 'journalVersion' | 'tool' | 'createdAt'>,
  ): Journal {
    const exists = existsSync(path);
    const text = exists ? readFileSync(path, 'utf8') : '';
    const parsed = exists ? parseJournal(text, path) : { records: [], tornTail: false };
    const journal = new Journal(path, parsed.records, parsed.tornTail);
    if (!exists) mkdirSync(dirname(path), { recursive: true });
    // A torn last line was never acknowledged (its fsync did not return): cut it so appends stay parseable.
    if (parsed.tornTail) truncateSync(path, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
    journal.fd = openSync(path, 'a');
    if (!exists && header) {
      journal.append({
        type: 'header',
        journalVersion: JOURNAL_VERSION,
        tool: { name: 'amiaudit', version: VERSION },
        createdAt: new Date().toISOString(),
        ...header,
      });
    }
    return journal;
  }

  /** Reads a journal without opening it for writing. */
  static read(path: string): { records: JournalRecord[]; tornTail: boolean } {
    return parseJournal(readFileSync(path, 'utf8'), path);
  }

  get header(): HeaderRecord | undefined {
    return this.records.find((r): r is HeaderRecord => r.type === 'header');
  }

  /** Current state of every step. */
  states(): Map<string, StepState> {
    return stepStates(this.records);
  }

  /** Step ids whose latest outcome is `applied` (not repeated by a re-run). */
  applied(): Set<string> {
    const out = new Set<string>();
    for (const [id, s] of this.states())
      if (s.kind === 'result' && s.result.status === 'applied') out.add(id);
    return out;
  }

  /** Appends one record and fsyncs it before returning, so a crash never loses an acknowledged record. */
  append(record: JournalRecord): void {
    if (this.fd === undefined) throw new Error('journal is closed');
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.fd);
    this.records.push(record);
  }

  /** Records the intent of a step before it mutates anything. */
  intent(step: PlanStep, runId: string, before: unknown): void {
    this.append({
      type: 'intent',
      stepId: step.id,
      runId,
      at: new Date().toISOString(),
      findingId: step.findingId,
      ruleId: step.ruleId,
      findingIds: step.findingIds,
      ruleIds: step.ruleIds,
      action: step.action,
      resource: step.resource,
      params: step.params,
      before,
    });
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
