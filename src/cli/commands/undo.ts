import { EXIT } from '../../app/exit-codes.js';
import { undo } from '../../app/undo.js';
import { UsageError } from '../../errors.js';
import { awsSessionOptions, REMEDIATE_AWS_OPTIONS } from '../aws-options.js';
import { confirmer } from '../confirm.js';
import { processIo } from '../io.js';
import { parse } from '../options.js';

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
  const aws = awsSessionOptions(values);
  const { exitCode } = await undo(
    { journalPath: values.journal, aws },
    { ...processIo(), confirm: confirmer(values.yes, 'undo') },
  );
  return exitCode;
}
