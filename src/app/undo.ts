import { existsSync } from 'node:fs';
import { createAwsSession } from '../aws/session.js';
import type { AwsOptions } from '../aws/types.js';
import { InputError } from '../errors.js';
import { Journal } from '../remediate/journal.js';
import { readPacer } from '../remediate/pacing.js';
import { renderUndo } from '../remediate/render.js';
import { reExposureWarnings, undoJournal } from '../remediate/undo.js';
import type { Confirm } from './confirm.js';
import { EXIT } from './exit-codes.js';
import type { AppIo } from './io.js';

export interface UndoOptions {
  /** remediation-journal-*.jsonl written by remediate --apply. */
  journalPath: string;
  aws: AwsOptions;
}

/** What an undo run returns. */
export interface UndoOutcome {
  exitCode: number;
  /** Applied steps there were to revert. */
  pending: number;
}

/** Reverts a journal's applied, reversible steps, newest first; exit 1 when an undo step failed. */
export async function undo(opts: UndoOptions, io: AppIo & { confirm: Confirm }): Promise<UndoOutcome> {
  const { stdout, stderr } = io;
  // Journal.open would create a missing journal; undo needs an existing one (parsed once, by open).
  if (!existsSync(opts.journalPath)) throw new InputError('journal not found', { file: opts.journalPath });
  const journal = Journal.open(opts.journalPath);
  try {
    const pending = journal.applied().size;
    const warnings = reExposureWarnings(journal);
    for (const w of warnings) stderr.write(`${w}\n`);
    if (pending === 0) {
      // Nothing to revert: still list what cannot be undone, without touching AWS.
      const outcomes = await undoJournal(journal, {
        clients: {
          ec2: () => {
            throw new Error('unreachable');
          },
        },
      });
      stdout.write(renderUndo(outcomes, journal.path));
      return { exitCode: EXIT.clean, pending };
    }
    const exposing = warnings.length
      ? ` ${warnings.length} of them re-share AMIs (see the warnings above).`
      : '';
    await io.confirm(`Undo ${pending} applied step(s)?${exposing}`);
    const session = createAwsSession({
      ...opts.aws,
      env: io.env,
      readPacer: readPacer(opts.aws.concurrency),
    });
    try {
      const outcomes = await undoJournal(journal, {
        clients: session,
        log: (line) => stderr.write(`${line}\n`),
      });
      stdout.write(`\n${renderUndo(outcomes, journal.path)}`);
      const exitCode = outcomes.some((o) => o.status === 'failed' && o.now) ? EXIT.violations : EXIT.clean;
      return { exitCode, pending };
    } finally {
      session.destroy();
    }
  } finally {
    journal.close();
  }
}
