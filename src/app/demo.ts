import { join } from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { loadWorld } from '../emulator/load-world.js';
import type { World } from '../emulator/world.js';
import { checkOutputOptions } from '../report/write.js';
import { PACKAGE_ROOT } from '../version.js';
import type { ReportOptions } from './evaluate-and-report.js';
import { EXIT } from './exit-codes.js';
import type { AppIo } from './io.js';
import { scan } from './scan.js';

/** The bundled demo world file. */
export const DEMO_WORLD = join(PACKAGE_ROOT, 'src/emulator/worlds/demo.yaml');

const MEANING: Record<number, string> = {
  [EXIT.clean]: 'clean',
  [EXIT.violations]: 'open findings at or above the --fail-on threshold',
  [EXIT.error]: 'error',
  [EXIT.incomplete]: 'no violation at the threshold, but coverage is incomplete',
};

/** Loads the demo's world file (default: the bundled organization). */
export function loadDemoWorld(path: string | undefined): World {
  return loadWorld(path ?? DEMO_WORLD);
}

export interface DemoOptions extends ReportOptions {
  world: World;
  now?: Date;
}

/** What a demo run returns: its own exit code and the one a real scan would have returned. */
export interface DemoOutcome {
  exitCode: number;
  scanExitCode: number;
}

/** The whole pipeline against the built-in emulator; exits 0 when the pipeline ran. */
export async function demo(opts: DemoOptions, io: AppIo): Promise<DemoOutcome> {
  const { world, ...output } = opts;
  checkOutputOptions(output.out, output.formats);
  const { stderr } = io;
  const emulator = await startEmulator({ world, port: 0 });
  stderr.write(
    `demo: AWS emulator listening on ${emulator.url} (organization ${world.organization?.id ?? '-'})\n`,
  );
  let code: number;
  try {
    ({ exitCode: code } = await scan(
      {
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
      },
      io,
    ));
  } finally {
    const stats = emulator.stats();
    await emulator.close();
    stderr.write(`demo: the emulator served ${stats.calls} AWS API calls (${stats.throttled} throttled)\n`);
  }
  if (code === EXIT.error) return { exitCode: EXIT.error, scanExitCode: code };
  stderr.write(
    `demo: a real scan would have exited with ${code} (${MEANING[code] ?? 'unknown'}); demo exits 0 because the pipeline ran\n`,
  );
  if (output.out !== '-')
    stderr.write(`demo: open ${output.out.replace(/\/$/, '')}/report.html in a browser\n`);
  return { exitCode: EXIT.clean, scanExitCode: code };
}

/** The union of the world's default regions and every account's own list, sorted. */
function worldRegions(world: World): string[] | 'all' {
  const regions = new Set(world.regions ?? []);
  for (const account of world.accounts ?? []) for (const r of account.regions ?? []) regions.add(r);
  return regions.size > 0 ? [...regions].sort() : 'all';
}
