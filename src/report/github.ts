import { appendFile } from 'node:fs/promises';
import type { Finding, Report } from '../findings/model.js';
import { neutralise } from '../neutralise.js';
import { bySeverity } from './order.js';
import { SEVERITY_STYLE } from './severity-style.js';

type Env = Record<string, string | undefined>;

/** GitHub keeps at most 10 error and 10 warning annotations per step and drops the rest silently. */
export const MAX_ANNOTATIONS_PER_LEVEL = 10;

/** Escapes the data part of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command property value (also `:` and `,`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command; its title and message are neutralised (src/neutralise.ts) before command escaping. */
function annotation(level: string, title: string, message: string): string {
  return `::${level} title=${escapeProperty(neutralise(title))}::${escapeData(neutralise(message))}\n`;
}

function findingMessage(f: Finding): string {
  const r = f.resource;
  return `[${f.severity}] ${r.id} (${r.account}, ${r.region}): ${f.message}`;
}

/**
 * The workflow-command annotations for a report: the most severe open findings (critical/high as errors,
 * medium/low as warnings) plus coverage gaps as errors, at most 10 per level, and a notice saying how many
 * were left out.
 */
export function githubAnnotations(report: Report, max = MAX_ANNOTATIONS_PER_LEVEL): string[] {
  const errors: string[] = [];
  const warnings: string[] = [];
  let dropped = 0;
  for (const g of report.coverage.gaps) {
    if (errors.length < max) {
      errors.push(
        annotation('error', `amiaudit coverage gap ${g.collector}`, `${g.account} ${g.region}: ${g.error}`),
      );
    } else dropped++;
  }
  for (const f of bySeverity(report.findings.filter((x) => x.status === 'open'))) {
    const level = SEVERITY_STYLE[f.severity].githubLevel;
    const bucket = level === 'error' ? errors : level === 'warning' ? warnings : undefined;
    if (bucket && bucket.length < max) bucket.push(annotation(level, f.ruleId, findingMessage(f)));
    else dropped++;
  }
  const out = [...errors, ...warnings];
  if (dropped > 0) {
    out.push(
      annotation(
        'notice',
        'amiaudit',
        `${dropped} more findings/gaps not annotated; see the job summary and the report artifacts.`,
      ),
    );
  }
  return out;
}

/** Appends the Markdown summary to $GITHUB_STEP_SUMMARY when set (never overwrites). Returns whether it wrote. */
export async function appendStepSummary(markdown: string, env: Env): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  return true;
}

/** In GitHub Actions: annotations on `stderr` and the job summary appended. No-op elsewhere. */
export async function publishToGithub(
  report: Report,
  markdown: string,
  env: Env,
  stderr: { write(chunk: string): unknown },
): Promise<void> {
  if (env.GITHUB_ACTIONS === 'true') for (const line of githubAnnotations(report)) stderr.write(line);
  await appendStepSummary(markdown, env);
}
