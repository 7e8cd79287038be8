import { EXIT } from '../../app/exit-codes.js';
import { listRules, type RuleRow } from '../../app/rules-list.js';
import { validateRuleFiles } from '../../app/rules-validate.js';
import { UsageError } from '../../errors.js';
import { neutralise } from '../../neutralise.js';
import { parse, SHARED_OPTIONS } from '../options.js';

const USAGE = `usage:
  amiaudit rules validate [PATH...] [--exceptions FILE]
      Validate rule files and folders (default: rules/) and exceptions files (found by their
      top-level "exceptions" key, or given with --exceptions; default exceptions.yaml when it exists).
      Prints "ok: ..." and exits 0, or every error as FILE:LINE:COL message and exits 2.
  amiaudit rules list [--rules PATH...] [--format table|json]
      Print id, type, severity and title of each loaded rule.`;

const OPTIONS = {
  rules: SHARED_OPTIONS.rules,
  exceptions: SHARED_OPTIONS.exceptions,
  format: SHARED_OPTIONS.format,
  quiet: SHARED_OPTIONS.quiet,
  help: SHARED_OPTIONS.help,
} as const;

/** amiaudit rules validate | list. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS, true);
  const [sub, ...paths] = positionals;
  if (values.help || sub === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.clean;
  }
  if (sub === 'validate')
    return validate([...paths, ...(values.rules ?? [])], values.exceptions, values.quiet ?? false);
  if (sub === 'list') return list([...paths, ...(values.rules ?? [])], values.format ?? 'table');
  throw new UsageError(sub ? `unknown rules subcommand "${sub}"\n${USAGE}` : USAGE);
}

async function validate(
  paths: string[],
  exceptionsPath: string | undefined,
  quiet: boolean,
): Promise<number> {
  const ok = await validateRuleFiles(
    { paths, ...(exceptionsPath !== undefined ? { exceptionsPath } : {}) },
    process.cwd(),
  );
  if (!quiet) {
    let msg = `ok: ${count(ok.rules.length, 'rule')} in ${count(ok.ruleFiles, 'file')} (${ok.paths.map(neutralise).join(', ')})`;
    if (ok.exceptionFiles > 0)
      msg += `, ${count(ok.exceptions.length, 'exception')} in ${count(ok.exceptionFiles, 'file')}`;
    process.stderr.write(`${msg}\n`);
  }
  return EXIT.clean;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

async function list(paths: string[], format: string): Promise<number> {
  if (format !== 'table' && format !== 'json') {
    throw new UsageError(`rules list --format must be table or json, got "${format}"`);
  }
  const rows = await listRules(paths, process.cwd());
  process.stdout.write(format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : ruleTable(rows));
  return EXIT.clean;
}

/** The rules as an aligned text table (id, type, severity, title). */
function ruleTable(rows: RuleRow[]): string {
  const header = { id: 'ID', type: 'TYPE', severity: 'SEVERITY', title: 'TITLE' };
  const table = [header, ...rows].map((r) => ({
    // Rule files are user input: keep a hostile title from moving the cursor or faking table rows.
    id: neutralise(r.id),
    type: r.type,
    severity: r.severity,
    title: neutralise(r.title),
  }));
  const w = (k: 'id' | 'type' | 'severity') => Math.max(...table.map((r) => r[k].length));
  const [wi, wt, ws] = [w('id'), w('type'), w('severity')];
  const out = table.map(
    (r) => `${r.id.padEnd(wi)}  ${r.type.padEnd(wt)}  ${r.severity.padEnd(ws)}  ${r.title}`,
  );
  return `${out.join('\n')}\n`;
}
