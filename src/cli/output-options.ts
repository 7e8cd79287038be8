import { DEFAULT_OUT } from '../app/defaults.js';
import type { ReportOptions } from '../app/evaluate-and-report.js';
import { FORMATS } from '../report/write.js';
import { failOn, list, nowOption, type SHARED_OPTIONS } from './options.js';

type SharedValues = {
  [K in keyof typeof SHARED_OPTIONS]?: (typeof SHARED_OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof SHARED_OPTIONS)[K] extends { type: 'boolean' }
      ? boolean
      : string;
};

/** What the shared rule/output options of evaluate, scan and demo turn into (--now stays optional). */
export type OutputOptions = ReportOptions & { now?: Date };

/** Turns parsed SHARED_OPTIONS values into report options. */
export function outputOptions(values: SharedValues): OutputOptions {
  return {
    rulesPaths: values.rules ?? [],
    ...(values.exceptions ? { exceptionsPath: values.exceptions } : {}),
    out: values.out ?? DEFAULT_OUT,
    formats: list(values.format) ?? ['json', 'html'],
    failOn: failOn(values['fail-on']),
    allowPartial: values['allow-partial'] ?? false,
    ...(values.baseline ? { baselinePath: values.baseline } : {}),
    failOnNew: values['fail-on-new'] ?? false,
    ...(values.now !== undefined ? { now: nowOption(values.now) } : {}),
    quiet: values.quiet ?? false,
  };
}

/** Help text of the shared rule/output options; `now` says what --now defaults to for the command. */
export function outputUsage(now: string): string {
  return `  --rules PATH          rule file or folder, repeatable (default: ./rules, else the bundled pack)
  --exceptions FILE     exceptions file (default: ./exceptions.yaml when it exists)
  --out DIR             output folder (default: ${DEFAULT_OUT}/), or - for stdout (one format)
  --format LIST         any of ${FORMATS.join(',')} (default: json,html)
  --fail-on SEVERITY    info|low|medium|high|critical|none (default: high)
  --baseline FILE       a previous findings.json: mark findings new/unchanged, list resolved ones
  --fail-on-new         with --baseline, fail only on new findings
  --allow-partial       exit 0 instead of 3 when coverage is incomplete (gaps stay in the report)
  --now ISO8601         evaluate as of this instant (default: ${now})
  --quiet               no progress or summary on stderr`;
}

/** The exit-code paragraph of the help texts. */
export const EXIT_USAGE = `exit codes: 0 clean, 1 open findings at or above --fail-on, 2 usage, rule-file, credential or
            internal error, 3 no violation but coverage incomplete`;
