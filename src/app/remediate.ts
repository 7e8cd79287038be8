import { createAwsSession } from '../aws/session.js';
import type { AwsOptions } from '../aws/types.js';
import { InputError } from '../errors.js';
import { readFindings } from '../findings/read.js';
import { neutralise } from '../neutralise.js';
import { authorise, rulePack } from '../remediate/authority.js';
import { executePlan, type StepOutcome } from '../remediate/executor.js';
import { Journal, journalPath, stepStates } from '../remediate/journal.js';
import { readPacer } from '../remediate/pacing.js';
import { checkFilters, type PlanFilters, planRemediation, selector } from '../remediate/planner.js';
import { planJson, renderOutcomes, renderPlan } from '../remediate/render.js';
import type { Confirm } from './confirm.js';
import { DEFAULT_OUT } from './defaults.js';
import { EXIT } from './exit-codes.js';
import { type AppIo, nowOf } from './io.js';
import { reevaluateLive } from './live-reevaluation.js';
import { organizationReader } from './organization-reader.js';
import { loadRuleInputs, type RuleInputs, rulePathsOrDefault } from './rule-inputs.js';

export interface RemediateOptions {
  /** findings.json of a scan or evaluate run. */
  findingsPath: string;
  /** Rule files and folders (default: ./rules, else the bundled pack): they, not the file, say what to do. */
  rulesPaths: readonly string[];
  /** Exceptions file (default: ./exceptions.yaml when it exists), applied by the live re-evaluation. */
  exceptionsPath?: string;
  /** Execute the plan (after `confirm`); otherwise print it only. */
  apply: boolean;
  /** Plan / results on stdout. */
  format: 'table' | 'json';
  filters: PlanFilters;
  /** Journal folder (default reports/). */
  out?: string;
  /** Read the organization to check usage of org/OU-shared AMIs. */
  org: boolean;
  aws: AwsOptions;
}

export interface RemediateIo extends AppIo {
  /** Asked once before --apply changes anything. */
  confirm: Confirm;
  /** Process id, part of the journal's run id so two runs in the same millisecond stay apart. */
  pid: number;
}

/** What a remediation run returns. */
export interface RemediateOutcome {
  exitCode: number;
  /** The journal written (--apply only). */
  journal?: string;
  outcomes: StepOutcome[];
}

/** The step ids a previous run of the same findings already applied (none when there is no journal yet). */
function appliedSteps(path: string, findingsRunId: string): Set<string> {
  const applied = new Set<string>();
  try {
    const existing = Journal.read(path);
    const header = existing.records.find((r) => r.type === 'header');
    if (header && header.findingsRunId !== findingsRunId) {
      throw new InputError(`journal belongs to findings run ${header.findingsRunId}, not ${findingsRunId}`, {
        file: path,
      });
    }
    for (const [id, s] of stepStates(existing.records))
      if (s.kind === 'result' && s.result.status === 'applied') applied.add(id);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return new Set();
  }
  return applied;
}

/** The live inventory of a remediation run: next to its journal, replaced by each apply run. */
function liveInventoryPath(journal: string): string {
  return journal.replace(/\.jsonl$/, '.live-inventory.jsonl');
}

/** Which rule pack was loaded (stderr), and a warning when the findings were made with another one. */
function packLine(inputs: RuleInputs, paths: readonly string[], findingsDigest: string): string {
  const line = `amiaudit: rules: ${paths.map(neutralise).join(', ')} (${inputs.rules.length} rules, digest ${inputs.digest})\n`;
  if (findingsDigest === inputs.digest) return line;
  return `${line}amiaudit: warning: the findings were evaluated with other rules (digest ${neutralise(findingsDigest)}): only findings whose remediation these rules confirm are planned\n`;
}

/** Plans the remediation of a findings.json; with `apply`, executes it with live re-checks and a journal. */
export async function remediate(opts: RemediateOptions, io: RemediateIo): Promise<RemediateOutcome> {
  const { stdout, stderr } = io;
  const report = await readFindings(opts.findingsPath);
  const path = journalPath(opts.out ?? DEFAULT_OUT, report.run.id);
  const applied = appliedSteps(path, report.run.id);

  const now = nowOf(io);
  checkFilters(report, opts.filters);
  const inputs = await loadRuleInputs({ ...opts, cwd: io.cwd });
  stderr.write(packLine(inputs, rulePathsOrDefault(opts.rulesPaths, io.cwd), report.run.rulesDigest));
  const authorised = authorise(report, rulePack(inputs.rules), selector(opts.filters));
  const plan = planRemediation(authorised.report, opts.filters, now, applied);
  plan.refused = authorised.refused;
  if (plan.refused.length > 0) {
    stderr.write(
      `amiaudit: warning: ${plan.refused.length} finding(s) refused: their remediation is not what the loaded rules say (listed in the plan)\n`,
    );
  }

  if (!opts.apply || plan.steps.length === 0) {
    if (opts.format === 'json') stdout.write(`${JSON.stringify({ plan: planJson(plan) }, null, 2)}\n`);
    else stdout.write(renderPlan(plan, false));
    if (opts.apply) stderr.write('amiaudit: nothing to apply\n');
    return { exitCode: EXIT.clean, outcomes: [] };
  }

  if (opts.format === 'table') stdout.write(renderPlan(plan, true));
  const queued = [...plan.steps, ...plan.deferred];
  const destructive = queued.filter((s) => s.destructive).length;
  await io.confirm(
    `Act on at most ${plan.maxActions} of ${queued.length} step(s) (${destructive} destructive) in ${new Set(queued.map((s) => s.resource.account)).size} account(s)?`,
  );

  const session = createAwsSession({ ...opts.aws, env: io.env, readPacer: readPacer(opts.aws.concurrency) });
  const journal = Journal.open(path, { findingsRunId: report.run.id, findingsFile: opts.findingsPath });
  try {
    const runId = `${now.toISOString()}-${io.pid}`;
    const live = await reevaluateLive(queued, inputs, {
      aws: { ...opts.aws, env: io.env },
      output: liveInventoryPath(path),
      now,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    stderr.write(
      `amiaudit: re-evaluated ${new Set(queued.flatMap((s) => s.ruleIds)).size} rule(s) on the live state of ${live.accounts} account(s) x ${live.regions} region(s); live inventory: ${neutralise(live.inventoryPath)}\n`,
    );
    const outcomes = await executePlan(plan, {
      live: live.check,
      journal,
      runId,
      clients: session,
      safety: {
        accounts: [...new Set(report.findings.map((f) => f.resource.account))],
        organization: opts.org ? organizationReader(session) : undefined,
        reportNow: new Date(report.run.now),
      },
      log: (line) => stderr.write(`${line}\n`),
    });
    const notReached = queued.length - outcomes.length;
    if (opts.format === 'json') {
      stdout.write(
        `${JSON.stringify(
          {
            plan: planJson(plan),
            journal: journal.path,
            notReached,
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
      stdout.write(`\n${renderOutcomes(outcomes, journal.path, notReached, plan.maxActions)}`);
    }
    const exitCode = outcomes.some((o) => o.status === 'failed') ? EXIT.violations : EXIT.clean;
    return { exitCode, journal: journal.path, outcomes };
  } finally {
    journal.close();
    session.destroy();
  }
}
