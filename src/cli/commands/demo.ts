import { demo, loadDemoWorld } from '../../app/demo.js';
import { EXIT } from '../../app/exit-codes.js';
import { processIo } from '../io.js';
import { parse, SHARED_OPTIONS } from '../options.js';
import { outputOptions, outputUsage } from '../output-options.js';

const USAGE = `usage: amiaudit demo [options]

Starts the AWS emulator in-process on a free loopback port with a bundled organization (several
accounts and OUs, three regions, dozens of AMIs that trip every default rule, a denied account and a
region that is not opted in), scans it through the real AWS SDK over HTTP, writes the reports and
prints the exit code a real scan would have returned. Exits 0 when the pipeline ran, 2 on an error.

options:
  --world FILE          serve this world file instead of the bundled one
${outputUsage('the current time')}`;

/** amiaudit demo: the whole pipeline against the built-in emulator. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...SHARED_OPTIONS, world: { type: 'string' } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.clean;
  }
  // The world is read before the other options are parsed, so a broken world file is the error shown.
  const world = loadDemoWorld(values.world);
  const { exitCode } = await demo({ world, ...outputOptions(values) }, processIo({ interruptible: true }));
  return exitCode;
}
