import { EXIT } from '../../app/exit-codes.js';
import { scan } from '../../app/scan.js';
import { AWS_OPTIONS, AWS_USAGE, awsArgs } from '../aws-options.js';
import { processIo } from '../io.js';
import { parse, SHARED_OPTIONS } from '../options.js';
import { EXIT_USAGE, outputOptions, outputUsage } from '../output-options.js';

const USAGE = `usage: amiaudit scan [AWS options] [options]

Collects what the rules need from every target account and region, evaluates the rules and writes
reports. The inventory is kept as <out>/inventory.jsonl for offline re-evaluation.

options:
${outputUsage('the end of collection')}
  --resume FILE           continue the partial inventory of an interrupted scan (<out>/inventory.jsonl.partial):
                          keep the account-regions it collected completely, collect the rest

${AWS_USAGE}

${EXIT_USAGE}`;

/** amiaudit scan. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...SHARED_OPTIONS, ...AWS_OPTIONS, resume: { type: 'string' } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.clean;
  }
  const { aws, targets, regions } = awsArgs(values);
  const { exitCode } = await scan(
    {
      aws,
      targets,
      regions,
      ...outputOptions(values),
      ...(values.resume !== undefined ? { resume: values.resume } : {}),
    },
    processIo({ interruptible: true }),
  );
  return exitCode;
}
