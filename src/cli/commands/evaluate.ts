import { parseArgs } from 'node:util';
import { UsageError } from '../../errors.js';
import { readInventory } from '../../inventory/reader.js';
import { FORMATS } from '../../report/write.js';
import { EXIT } from '../exit-codes.js';
import { failOn, list, nowOption, SHARED_OPTIONS } from '../options.js';
import { checkOutputOptions, DEFAULT_OUT, runPipeline } from '../pipeline.js';

const USAGE = `usage: amiaudit evaluate --inventory FILE... [options]

Evaluates rules against one or more inventory files offline (several files are shards of one scan:
they are merged and de-duplicated). Never touches the network.

options:
  --inventory FILE...   inventory (.jsonl) files; repeat the flag or list several files after it
  --rules PATH          rule file or folder, repeatable (default: ./rules, else the bundled pack)
  --exceptions FILE     exceptions file (default: ./exceptions.yaml when it exists)
  --out DIR             output folder (default: ${DEFAULT_OUT}/), or - for stdout (one format)
  --format LIST         any of ${FORMATS.join(',')} (default: json,html)
  --fail-on SEVERITY    info|low|medium|high|critical|none (default: high)
  --baseline FILE       a previous findings.json: mark findings new/unchanged, list resolved ones
  --fail-on-new         with --baseline, fail only on new findings
  --allow-partial       exit 0 instead of 3 when coverage is incomplete (gaps stay in the report)
  --now ISO8601         evaluate as of this instant (default: the current time)
  --quiet               no summary on stderr

exit codes: 0 clean, 1 open findings at or above --fail-on, 2 bad input or error,
            3 no violation but coverage incomplete`;

const OPTIONS = { ...SHARED_OPTIONS, inventory: { type: 'string', multiple: true } } as const;

function strictParse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Parses argv: `--inventory a b c` takes the positionals after it as more inventory files. */
export function parseEvaluateArgs(argv: string[]) {
  const { values, tokens } = strictParse(argv);
  const inventories: string[] = [];
  let afterInventory = false;
  for (const token of tokens) {
    if (token.kind === 'option') {
      afterInventory = token.name === 'inventory';
      if (afterInventory && token.value !== undefined) inventories.push(token.value);
    } else if (token.kind === 'positional') {
      if (!afterInventory)
        throw new UsageError(`unexpected argument "${token.value}" (inventory files follow --inventory)`);
      inventories.push(token.value);
    } else {
      afterInventory = false; // "--" ends the list
    }
  }
  return { values, inventories };
}

/** amiaudit evaluate: read inventories, evaluate rules, write reports, exit per the contract. */
export async function run(argv: string[]): Promise<number> {
  const { values, inventories } = parseEvaluateArgs(argv);
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT.clean;
  }
  if (inventories.length === 0) throw new UsageError(`evaluate needs --inventory FILE\n${USAGE}`);
  const options = {
    rulesPaths: values.rules ?? [],
    exceptionsPath: values.exceptions,
    out: values.out ?? DEFAULT_OUT,
    formats: list(values.format) ?? ['json', 'html'],
    failOn: failOn(values['fail-on']),
    allowPartial: values['allow-partial'] ?? false,
    baselinePath: values.baseline,
    failOnNew: values['fail-on-new'] ?? false,
    now: nowOption(values.now),
    quiet: values.quiet ?? false,
  };
  checkOutputOptions(options.out, options.formats);
  const inventory = await readInventory(inventories);
  const { exitCode } = await runPipeline({ inventory, ...options });
  return exitCode;
}
