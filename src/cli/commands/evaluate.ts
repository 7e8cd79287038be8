import { parseArgs } from 'node:util';
import { evaluateInventories } from '../../app/evaluate.js';
import { EXIT } from '../../app/exit-codes.js';
import { UsageError } from '../../errors.js';
import { processIo } from '../io.js';
import { SHARED_OPTIONS } from '../options.js';
import { EXIT_USAGE, outputOptions, outputUsage } from '../output-options.js';

const USAGE = `usage: amiaudit evaluate --inventory FILE... [options]

Evaluates rules against one or more inventory files offline (several files are shards of one scan:
they are merged and de-duplicated). Never touches the network.

options:
  --inventory FILE...   inventory (.jsonl) files; repeat the flag or list several files after it
${outputUsage("the inventory's collection time")}

${EXIT_USAGE}`;

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
    process.stdout.write(`${USAGE}\n`);
    return EXIT.clean;
  }
  if (inventories.length === 0) throw new UsageError(`evaluate needs --inventory FILE\n${USAGE}`);
  const { exitCode } = await evaluateInventories({ ...outputOptions(values), inventories }, processIo());
  return exitCode;
}
