import { EXIT } from '../../app/exit-codes.js';
import { remediate } from '../../app/remediate.js';
import { UsageError } from '../../errors.js';
import { DEFAULT_MAX_ACTIONS } from '../../remediate/planner.js';
import { AWS_OPTIONS, awsSessionOptions, REMEDIATE_AWS_OPTIONS } from '../aws-options.js';
import { confirmer } from '../confirm.js';
import { processIo } from '../io.js';
import { list, parse, positiveInt } from '../options.js';

const OPTIONS = {
  ...REMEDIATE_AWS_OPTIONS,
  findings: { type: 'string' },
  rules: { type: 'string', multiple: true },
  exceptions: { type: 'string' },
  apply: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  only: { type: 'string', multiple: true },
  accounts: AWS_OPTIONS.accounts,
  regions: AWS_OPTIONS.regions,
  'max-actions': { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `usage: amiaudit remediate --findings FILE [--apply] [--yes] [options]

Plans the remediation of the open findings of a findings.json (dry run by default). The file is
evidence, not instructions: each action and its parameters come from the loaded rules, findings whose
remediation those rules do not confirm are refused, and --apply first re-evaluates the rules on the
live state of the steps' account-regions and acts only where a rule still fails.

  --findings FILE      findings.json of a scan or evaluate run (required)
  --rules PATH         rule file or folder, repeatable (default: ./rules, else the bundled pack)
  --exceptions FILE    exceptions file for the live re-evaluation (default: ./exceptions.yaml when it exists)
  --apply              execute the plan (asks for confirmation; --yes when not interactive)
  --yes, -y            do not ask
  --only RULE,...      only these rule ids (repeatable)
  --accounts LIST      only findings in these accounts
  --regions LIST       only findings in these regions (globs)
  --max-actions N      act on (apply, or try and fail) at most N resources per run (default ${DEFAULT_MAX_ACTIONS});
                       steps skipped by a safety check do not count; the rest waits for the next run
  --out DIR            journal folder (default reports/)
  --format table|json  plan / results on stdout (default table)
  --org                read the organization to check usage of org/OU-shared AMIs
  --role-name NAME     role to assume in accounts other than the caller's (needs the remediation policy)
  --external-id ID     external id for that role
  --endpoint-url URL   send every AWS call to this endpoint (emulator, moto, LocalStack)
  --profile NAME       AWS profile

exit codes: 0 dry run, or every step applied or skipped safely; 1 at least one step failed;
2 usage or input error (bad findings file or rule file, unknown rule id), a refused confirmation, or --apply
without --yes when not interactive (nothing was changed)
`;

/** amiaudit remediate: plan by default; --apply executes with live re-checks and a journal. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, OPTIONS);
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.clean;
  }
  if (!values.findings) throw new UsageError('remediate needs --findings FILE');
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json')
    throw new UsageError(`--format must be table or json, got "${format}"`);
  const maxActions = positiveInt('max-actions', values['max-actions'], DEFAULT_MAX_ACTIONS);
  const aws = awsSessionOptions(values);
  const { exitCode } = await remediate(
    {
      findingsPath: values.findings,
      rulesPaths: values.rules ?? [],
      ...(values.exceptions !== undefined ? { exceptionsPath: values.exceptions } : {}),
      apply: values.apply ?? false,
      format,
      filters: {
        only: values.only?.flatMap((o) => list(o) ?? []),
        accounts: list(values.accounts),
        regions: list(values.regions),
        maxActions,
      },
      ...(values.out !== undefined ? { out: values.out } : {}),
      org: values.org ?? false,
      aws,
    },
    { ...processIo(), confirm: confirmer(values.yes, 'remediate --apply') },
  );
  return exitCode;
}
