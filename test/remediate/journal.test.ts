import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Journal, journalPath, parseJournal, type ResultRecord } from '../../src/remediate/journal.js';
import { planRemediation } from '../../src/remediate/planner.js';
import { imageFinding, report } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'amiaudit-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const step = planRemediation(report([imageFinding()]), { maxActions: 1 }, new Date('2026-01-02T00:00:00Z'))
  .steps[0];

function result(status: ResultRecord['status']): ResultRecord {
  return {
    type: 'result',
    stepId: step.id,
    runId: 'r',
    at: 'now',
    action: step.action,
    resource: step.resource,
    status,
  };
}

describe('journal', () => {
  it('names the journal after the findings run, the same for a re-run, and sanitises the id', () => {
    expect(journalPath('out', 'run-1')).toBe(join('out', 'remediation-journal-run-1.jsonl'));
    expect(journalPath('out', '../../etc/x y')).toBe(join('out', 'remediation-journal-.._.._etc_x_y.jsonl'));
  });

  it('writes a header once and one line per record', () => {
    const path = join(dir, 'j.jsonl');
    const j = Journal.open(path, { findingsRunId: 'run-1', findingsFile: 'f.json' });
    j.intent(step, 'r', { tags: {} });
    j.append(result('applied'));
    j.close();
    const again = Journal.open(path, { findingsRunId: 'run-1', findingsFile: 'f.json' });
    again.close();
    const lines = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['header', 'intent', 'result']);
    expect(lines[1]).toMatchObject({ stepId: step.id, action: 'tag', before: { tags: {} } });
  });

  it('tells an intent without result apart from finished steps', () => {
    const path = join(dir, 'j.jsonl');
    const j = Journal.open(path, { findingsRunId: 'run-1', findingsFile: 'f.json' });
    j.intent(step, 'r', null);
    expect(j.states().get(step.id)?.kind).toBe('pending-intent');
    expect(j.applied().size).toBe(0);
    j.append(result('failed'));
    expect(j.applied().size).toBe(0);
    j.append(result('applied'));
    expect([...j.applied()]).toEqual([step.id]);
    j.append({ type: 'undo', stepId: step.id, at: 'now', status: 'undone', reason: 'x' });
    expect(j.applied().size).toBe(0);
    expect(j.states().get(step.id)?.kind).toBe('undone');
    j.close();
  });

  it('a failed undo leaves the step applied (so undo can retry)', () => {
    const path = join(dir, 'j.jsonl');
    const j = Journal.open(path);
    j.append(result('applied'));
    j.append({ type: 'undo', stepId: step.id, at: 'now', status: 'failed', reason: 'x' });
    expect(j.applied().has(step.id)).toBe(true);
    j.close();
  });

  it('ignores a torn last line (crash mid-write) and continues on a new line', () => {
    const path = join(dir, 'j.jsonl');
    writeFileSync(path, `${JSON.stringify(result('applied'))}\n{"type":"intent","stepI`);
    const j = Journal.open(path);
    expect(j.tornTail).toBe(true);
    expect(j.records).toHaveLength(1);
    j.append(result('skipped'));
    j.close();
    const { records } = parseJournal(readFileSync(path, 'utf8'), path);
    expect(records.map((r) => r.type === 'result' && r.status)).toEqual(['applied', 'skipped']);
  });

  it('reports a broken line in the middle with its location', () => {
    const text = `${JSON.stringify(result('applied'))}\nnot json\n${JSON.stringify(result('applied'))}\n`;
    expect(() => parseJournal(text, 'j.jsonl')).toThrow(InputError);
    try {
      parseJournal(text, 'j.jsonl');
    } catch (err) {
      expect((err as InputError).toLine()).toMatch(/^j\.jsonl:2:1 not a JSON line/);
    }
    expect(() => parseJournal('{"type":"other"}\n', 'j.jsonl')).toThrow(/j.jsonl|type must be/);
  });
});
