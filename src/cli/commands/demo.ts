import { startEmulator } from '../../emulator/index.js';
import { loadWorld } from '../../emulator/load-world.js';
import type { World } from '../../emulator/world.js';
import { EXIT } from '../exit-codes.js';
import { parse, SHARED_OPTIONS } from '../options.js';
import { outputOptions, outputUsage } from '../output-options.js';
import { checkOutputOptions } from '../pipeline.js';
import { DEMO_WORLD } from './emulator.js';
import { runScan } from './scan.js';

const USAGE = `usage: amiaudit demo [options]

Starts the AWS emulator in-process on a free loopback port with a bundled organization (several
accounts and OUs, three regions, dozens of AMIs that trip every default rule, a denied account and a
region that is not opted in), scans it through the real AWS SDK over HTTP, writes the reports and
prints the exit code a real scan would have returned. Exits 0 when the pipeline ran, 2 on an error.

options:
  --world FILE          serve this world file instead of the bundled one
${outputUsage('the current time')}`;

const MEANING: Record<number, string> = {
  [EXIT.clean]: 'clean',
  [EXIT.violations]: 'open findings at or above the --fail-on threshold',
  [EXIT.error]: 'error',
  [EXIT.incomplete]: 'no violation at the threshold, but coverage is incomplete',
};

/** amiaudit demo: the whole pipeline against the built-in emulator. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...SHARED_OPTIONS, world: { type: 'string' } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.clean;
  }
  const world = loadWorld(values.world ?? DEMO_WORLD);
  const output = outputOptions(values);
  checkOutputOptions(output.out, output.formats);
  const out = output.out;
  const emulator = await startEmulator({ world, port: 0 });
  process.stderr.write(
    `demo: AWS emulator listening on ${emulator.url} (organization ${world.organization?.id ?? '-'})\n`,
  );
  let code: number;
  try {
    code = await runScan({
      aws: {
        endpointUrl: emulator.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'demo' },
        roleName: 'AmiAuditRole',
      },
      targets: { org: true },
      // Every region any account of the world enables, asked of every account: a region asked for
      // and not opted in is a coverage gap, which the demo is meant to show.
      regions: worldRegions(world),
      ...output,
    });
  } finally {
    const stats = emulator.stats();
    await emulator.close();
    process.stderr.write(
      `demo: the emulator served ${stats.calls} AWS API calls (${stats.throttled} throttled)\n`,
    );
  }
  if (code === EXIT.error) return EXIT.error;
  process.stderr.write(
    `demo: a real scan would have exited with ${code} (${MEANING[code] ?? 'unknown'}); demo exits 0 because the pipeline ran\n`,
  );
  if (out !== '-') process.stderr.write(`demo: open ${out.replace(/\/$/, '')}/report.html in a browser\n`);
  return EXIT.clean;
}

/** The union of the world's default regions and every account's own list, sorted. */
function worldRegions(world: World): string[] | 'all' {
  const regions = new Set(world.regions ?? []);
  for (const account of world.accounts ?? []) for (const r of account.regions ?? []) regions.add(r);
  return regions.size > 0 ? [...regions].sort() : 'all';
}
