import { createInterface } from 'node:readline/promises';
import { readOrganizationMembers } from '../../aws/organization.js';
import { createAwsSession, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS } from '../../aws/session.js';
import type { AwsOptions, AwsSession } from '../../aws/types.js';
import { InputError, UsageError } from '../../errors.js';
import { readFindings } from '../../findings/read.js';
import { executePlan } from '../../remediate/executor.js';
import { Journal, journalPath, stepStates } from '../../remediate/journal.js';
import { readPacer } from '../../remediate/pacing.js';
import { checkFilters, DEFAULT_MAX_ACTIONS, planRemediation } from '../../remediate/planner.js';
import { planJson, renderOutcomes, renderPlan } from '../../remediate/render.js';
import { EXIT } from '../exit-codes.js';
import { AWS_OPTIONS, list, parse, positiveInt } from '../options.js';

/** AWS options remediate and undo accept (targeting by org/shard makes no sense for a findings file). */
export const REMEDIATE_AWS_OPTIONS = {
  org: AWS_OPTIONS.org,
  'role-name': AWS_OPTIONS['role-name'],
  'external-id': AWS_OPTIONS['external-id'],
  'endpoint-url': AWS_OPTIONS['endpoint-url'],
  profile: AWS_OPTIONS.profile,
  concurrency: AWS_OPTIONS.concurrency,
  'timeout-ms': AWS_OPTIONS['timeout-ms'],
} as const;

const OPTIONS = {
  ...REMEDIATE_AWS_OPTIONS,
  findings: { type: 'string' },
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

Plans the remediation of the open findings of a findings.json (dry run by default).

  --findings FILE      findings.json of a scan or evaluate run (required)
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
2 usage or input error (bad findings file, unknown rule id), a refused confirmation, or --apply
without --yes when not interactive (nothing was changed)
`;

type Values = ReturnType<typeof parse<typeof REMEDIATE_AWS_OPTIONS>>['values'];

/** AwsOptions from the shared flags. */
export function awsOptionsFrom(values: Values): AwsOptions {
  return {
    env: process.env,
    endpointUrl: values['endpoint-url'],
    profile: values.profile,
    roleName: values['role-name'],
    externalId: values['external-id'],
    ...(values.concurrency
      ? { concurrency: positiveInt('concurrency', values.concurrency, DEFAULT_CONCURRENCY) }
      : {}),
    ...(values['timeout-ms']
      ? { timeoutMs: positiveInt('timeout-ms', values['timeout-ms'], DEFAULT_TIMEOUT_MS) }
      : {}),
  };
}

/** Asks on stderr for "yes" when stdin is a terminal; without a terminal, --yes is required. */
export async function confirm(question: string, yes: boolean | undefined, what: string): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) {
    throw new UsageError(`${what} needs --yes when not run interactively; nothing was changed`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} Type "yes" to continue: `);
    if (answer.trim().toLowerCase() !== 'yes') throw new UsageError('aborted; nothing was changed');
  } finally {
    rl.close();
  }
}

/** The organization (id + ACTIVE accounts), read once and only when an org/OU-shared AMI needs it. */
export function organizationReader(session: AwsSession): () => Promise<{ id: string; accounts: string[] }> {
  let cached: Promise<{ id: string; accounts: string[] }> | undefined;
  return () => {
    cached ??= readOrganizationMembers(session.organizations());
    return cached;
  };
}

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
  const awsOptions = awsOptionsFrom(values);
  const report = await readFindings(values.findings);
  const outDir = values.out ?? 'reports';
  const path = journalPath(outDir, report.run.id);

  let applied = new Set<string>();
  try {
    const existing = Journal.read(path);
    const header = existing.records.find((r) => r.type === 'header');
    if (header && header.findingsRunId !== report.run.id) {
      throw new InputError(`journal belongs to findings run ${header.findingsRunId}, not ${report.run.id}`, {
        file: path,
      });
    }
    for (const [id, s] of stepStates(existing.records))
      if (s.kind === 'result' && s.result.status === 'applied') applied.add(id);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    applied = new Set();
  }

  const now = new Date();
  const filters = {
    only: values.only?.flatMap((o) => list(o) ?? []),
    accounts: list(values.accounts),
    regions: list(values.regions),
    maxActions,
  };
  checkFilters(report, filters);
  const plan = planRemediation(report, filters, now, applied);

  if (!values.apply || plan.steps.length === 0) {
    if (format === 'json') process.stdout.write(`${JSON.stringify({ plan: planJson(plan) }, null, 2)}\n`);
    else process.stdout.write(renderPlan(plan, false));
    if (values.apply) process.stderr.write('amiaudit: nothing to apply\n');
    return EXIT.clean;
  }

  if (format === 'table') process.stdout.write(renderPlan(plan, true));
  const queued = [...plan.steps, ...plan.deferred];
  const destructive = queued.filter((s) => s.destructive).length;
  await confirm(
    `Act on at most ${plan.maxActions} of ${queued.length} step(s) (${destructive} destructive) in ${new Set(queued.map((s) => s.resource.account)).size} account(s)?`,
    values.yes,
    'remediate --apply',
  );

  const session = createAwsSession({ ...awsOptions, readPacer: readPacer(awsOptions.concurrency) });
  const journal = Journal.open(path, { findingsRunId: report.run.id, findingsFile: values.findings });
  try {
    const runId = `${now.toISOString()}-${process.pid}`;
    const outcomes = await executePlan(plan, {
      journal,
      runId,
      clients: session,
      safety: {
        accounts: [...new Set(report.findings.map((f) => f.resource.account))],
        organization: values.org ? organizationReader(session) : undefined,
        reportNow: new Date(report.run.now),
      },
      log: (line) => process.stderr.write(`${line}\n`),
    });
    if (format === 'json') {
      process.stdout.write(
        `${JSON.stringify(
          {
            plan: planJson(plan),
            journal: journal.path,
            notReached: queued.length - outcomes.length,
            outcomes: outcomes.map(({ step, ...outcome }) => ({
              stepId: step.id,
              action: step.action,
              resource: step.resource,
              ...outcome,
            })),
          },
          null,
          2,
        )}\n`,
      );
    } else {
      process.stdout.write(
        `\n${renderOutcomes(outcomes, journal.path, queued.length - outcomes.length, plan.maxActions)}`,
      );
    }
    return outcomes.some((o) => o.status === 'failed') ? EXIT.violations : EXIT.clean;
  } finally {
    journal.close();
    session.destroy();
  }
}
