import { collect } from '../../app/collect.js';
import { DEFAULT_INVENTORY } from '../../app/defaults.js';
import { EXIT } from '../../app/exit-codes.js';
import { AWS_OPTIONS, AWS_USAGE, awsArgs } from '../aws-options.js';
import { processIo } from '../io.js';
import { parse } from '../options.js';

const USAGE = `usage: amiaudit collect [AWS options] [--rules PATH]... [--output FILE.jsonl | --out DIR]

Collects what the loaded rules need from every target account and region into an inventory
(JSON Lines, streamed while collecting). Evaluate it later with: amiaudit evaluate --inventory FILE...

options:
  --rules PATH            rule file or folder, repeatable: decides which collectors run
                          (default: ./rules, else the bundled pack)
  --output FILE           inventory file (default: ${DEFAULT_INVENTORY})
  --out DIR               write DIR/inventory.jsonl instead (the output folder option of every command)
  --resume FILE           continue a partial inventory (FILE.partial of an interrupted run): keep the
                          account-regions it collected completely, collect the rest; refused when its
                          accounts, shard, regions or collectors differ from this run's
  --allow-partial         exit 0 instead of 3 when coverage has gaps (they stay in the inventory)
  --quiet                 no progress on stderr

${AWS_USAGE}

exit codes: 0 complete, 2 usage, rule-file, credential or endpoint error, 3 coverage incomplete
            (0 with --allow-partial)`;

const OPTIONS = {
  ...AWS_OPTIONS,
  rules: { type: 'string', multiple: true },
  output: { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'string' },
  quiet: { type: 'boolean' },
  'allow-partial': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** amiaudit collect: writes an inventory; exit 0, 3 when coverage has gaps, 2 on fatal errors. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, OPTIONS);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.clean;
  }
  const { aws, targets, regions } = awsArgs(values);
  const { exitCode } = await collect(
    {
      aws,
      targets,
      regions,
      rulesPaths: values.rules ?? [],
      ...(values.output !== undefined ? { output: values.output } : {}),
      ...(values.out !== undefined ? { out: values.out } : {}),
      ...(values.resume !== undefined ? { resume: values.resume } : {}),
      allowPartial: values['allow-partial'] ?? false,
      quiet: values.quiet ?? false,
    },
    processIo({ interruptible: true }),
  );
  return exitCode;
}
