import { existsSync } from 'node:fs';
import { InputErrors, type SourceLocation, UsageError } from '../../errors.js';
import { type RuleRef, unknownRuleRefs, validateExceptionSource } from '../../rules/exceptions.js';
import { expandYamlPaths, sortErrors } from '../../rules/files.js';
import { defaultRulePaths, loadRules, validateRuleSource } from '../../rules/load.js';
import type { LoadedException, Rule } from '../../rules/schema.js';
import { readYamlSource, type YamlSource } from '../../rules/yaml-source.js';
import { EXIT } from '../exit-codes.js';
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

function isExceptionsFile(src: YamlSource): boolean {
  const d = src.data;
  return typeof d === 'object' && d !== null && !Array.isArray(d) && 'exceptions' in d && !('rules' in d);
}

async function validate(
  given: string[],
  exceptionsOption: string | undefined,
  quiet: boolean,
): Promise<number> {
  const paths = given.length > 0 ? given : defaultRulePaths();
  let exceptionsPath = exceptionsOption;
  if (given.length === 0 && exceptionsPath === undefined && existsSync('exceptions.yaml'))
    exceptionsPath = 'exceptions.yaml';

  const { files, errors } = await expandYamlPaths(exceptionsPath ? [...paths, exceptionsPath] : paths);
  const ids = new Map<string, SourceLocation>();
  const rules: Rule[] = [];
  const exceptions: LoadedException[] = [];
  const refs: RuleRef[] = [];
  let ruleFiles = 0;
  let exceptionFiles = 0;
  for (const file of files) {
    const read = await readYamlSource(file);
    errors.push(...read.errors);
    if (!read.source) continue;
    if (isExceptionsFile(read.source) || file === exceptionsPath) {
      exceptionFiles++;
      const result = validateExceptionSource(read.source);
      exceptions.push(...result.exceptions);
      refs.push(...result.refs);
      errors.push(...result.errors);
    } else {
      ruleFiles++;
      const result = validateRuleSource(read.source, ids);
      rules.push(...result.rules);
      errors.push(...result.errors);
    }
  }
  // Exception rule ids are checked against the rules given, or the default rules when only
  // exception files were given (the rules an evaluation would load).
  if (ruleFiles > 0) errors.push(...unknownRuleRefs(refs, ids.keys()));
  else if (refs.length > 0 && errors.length === 0) {
    const { rules: defaults } = await loadRules(defaultRulePaths());
    errors.push(
      ...unknownRuleRefs(
        refs,
        defaults.map((r) => r.id),
      ),
    );
  }
  if (errors.length > 0) throw new InputErrors(sortErrors(errors, files));

  if (!quiet) {
    let msg = `ok: ${count(rules.length, 'rule')} in ${count(ruleFiles, 'file')} (${paths.join(', ')})`;
    if (exceptionFiles > 0)
      msg += `, ${count(exceptions.length, 'exception')} in ${count(exceptionFiles, 'file')}`;
    process.stderr.write(`${msg}\n`);
  }
  return EXIT.clean;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Rule files are user input: keep a hostile title from moving the cursor or faking table rows. */
function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

async function list(given: string[], format: string): Promise<number> {
  if (format !== 'table' && format !== 'json') {
    throw new UsageError(`rules list --format must be table or json, got "${format}"`);
  }
  const { rules } = await loadRules(given.length > 0 ? given : defaultRulePaths());
  const rows = rules.map((r) => ({
    id: r.id,
    type: r.check.type,
    severity: r.severity,
    title: r.title,
    file: r.source.file,
    line: r.source.line,
  }));
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.clean;
  }
  const header = { id: 'ID', type: 'TYPE', severity: 'SEVERITY', title: 'TITLE' };
  const table = [header, ...rows].map((r) => ({
    id: printable(r.id),
    type: r.type,
    severity: r.severity,
    title: printable(r.title),
  }));
  const w = (k: 'id' | 'type' | 'severity') => Math.max(...table.map((r) => r[k].length));
  const [wi, wt, ws] = [w('id'), w('type'), w('severity')];
  const out = table.map(
    (r) => `${r.id.padEnd(wi)}  ${r.type.padEnd(wt)}  ${r.severity.padEnd(ws)}  ${r.title}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return EXIT.clean;
}
