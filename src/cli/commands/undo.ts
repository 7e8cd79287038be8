import { existsSync } from 'node:fs';
import { createAwsSession } from '../../aws/session.js';
import { InputError, UsageError } from '../../errors.js';
import { Journal } from '../../remediate/journal.js';
import { readPacer } from '../../remediate/pacing.js';
import { renderUndo } from '../../remediate/render.js';
import { reExposureWarnings, undoJournal } from '../../remediate/undo.js';
import { EXIT } from '../exit-codes.js';
import { parse } from '../options.js';
import { awsOptionsFrom, confirm, REMEDIATE_AWS_OPTIONS } from './remediate.js';

const OPTIONS = {
  ...REMEDIATE_AWS_OPTIONS,
  journal: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `usage: amiaudit undo --journal FILE [--yes] [AWS options]

Reverts the applied, reversible steps of a remediation journal, newest first, and appends undo
records to it (a second undo does nothing). Deregistrations are listed as irreversible.

  --journal FILE       remediation-journal-*.jsonl written by remediate --apply (required)
  --yes, -y            do not ask (required when not interactive)
  --role-name, --external-id, --endpoint-url, --profile   as for remediate

Undoing make-private, remove-launch-permissions or disable re-shares the AMI: a warning line per
such step is printed before the confirmation.

exit codes: 0 every step undone (or nothing to undo); 1 at least one undo step failed; 2 usage or
input error (missing or broken journal), a refused confirmation, or no --yes when not interactive
`;

/** amiaudit undo: reverts a journal's reversible actions. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, OPTIONS);
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.clean;
  }
  if (!values.journal) throw new UsageError('undo needs --journal FILE');
  const awsOptions = awsOptionsFrom(values);
  // Journal.open would create a missing journal; undo needs an existing one (parsed once, by open).
  if (!existsSync(values.journal)) throw new InputError('journal not found', { file: values.journal });
  const journal = Journal.open(values.journal);
  try {
    const pending = journal.applied().size;
    const warnings = reExposureWarnings(journal);
    for (const w of warnings) process.stderr.write(`${w}\n`);
    if (pending > 0) {
      const exposing = warnings.length
        ? ` ${warnings.length} of them re-share AMIs (see the warnings above).`
        : '';
      await confirm(`Undo ${pending} applied step(s)?${exposing}`, values.yes, 'undo');
    }
    if (pending === 0) {
      // Nothing to revert: still list what cannot be undone, without touching AWS.
      const outcomes = await undoJournal(journal, {
        clients: {
          ec2: () => {
            throw new Error('unreachable');
          },
        },
      });
      process.stdout.write(renderUndo(outcomes, journal.path));
      return EXIT.clean;
    }
    const session = createAwsSession({ ...awsOptions, readPacer: readPacer(awsOptions.concurrency) });
    try {
      const outcomes = await undoJournal(journal, {
        clients: session,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`\n${renderUndo(outcomes, journal.path)}`);
      return outcomes.some((o) => o.status === 'failed' && o.now) ? EXIT.violations : EXIT.clean;
    } finally {
      session.destroy();
    }
  } finally {
    journal.close();
  }
}
