import { DEMO_WORLD } from '../../app/demo.js';
import { EXIT } from '../../app/exit-codes.js';
import { generateWorld, loadWorld, startEmulator, type World } from '../../emulator/index.js';
import { UsageError } from '../../errors.js';
import { parse } from '../options.js';

const HELP = `usage: amiaudit emulator [--world FILE | --synthetic SPEC] [--port N] [--latency MIN-MAX] [--no-throttle]

Serves a local AWS endpoint (EC2, Auto Scaling, Organizations, STS) on 127.0.0.1 until SIGINT/SIGTERM.

  --world FILE        YAML world file (default: the bundled demo organization)
  --synthetic SPEC    generate a world instead: accounts=200,regions=4,images=50,seed=1[,instances=3]
  --port N            port to listen on (default 0 = any free port)
  --latency MIN-MAX   add MIN..MAX ms of random latency to every response (e.g. 20-50)
  --no-throttle       disable the AWS token buckets
  --seed N            seed of fault injection and latency jitter (default 1)

Prints "listening http://127.0.0.1:PORT" on stdout once it accepts requests.`;

function parseLatency(v: string | undefined): [number, number] | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)(?:-(\d+))?$/.exec(v);
  if (!m) throw new UsageError(`--latency must be MIN-MAX in ms (e.g. 20-50), got "${v}"`);
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (hi < lo) throw new UsageError(`--latency: MAX must be >= MIN, got "${v}"`);
  return [lo, hi];
}

function parseSynthetic(spec: string): World {
  const known = new Set(['accounts', 'regions', 'images', 'seed', 'instances']);
  const values: Record<string, number> = {};
  for (const part of spec.split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    const n = Number(v);
    if (!known.has(k) || !Number.isInteger(n) || n < 0) {
      throw new UsageError(
        `--synthetic expects accounts=N,regions=N,images=N,seed=N[,instances=N], got "${part}"`,
      );
    }
    values[k] = n;
  }
  return generateWorld({
    accounts: values.accounts ?? 10,
    regions: values.regions ?? 2,
    imagesPerRegion: values.images ?? 20,
    seed: values.seed ?? 1,
    instancesPerRegion: values.instances,
  });
}

/** amiaudit emulator: serve a world until interrupted. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    world: { type: 'string' },
    synthetic: { type: 'string' },
    port: { type: 'string' },
    latency: { type: 'string' },
    'no-throttle': { type: 'boolean' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT.clean;
  }
  if (values.world !== undefined && values.synthetic !== undefined) {
    throw new UsageError('--world and --synthetic are mutually exclusive');
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535, got "${values.port}"`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  const world =
    values.synthetic !== undefined ? parseSynthetic(values.synthetic) : loadWorld(values.world ?? DEMO_WORLD);

  const emu = await startEmulator({
    world,
    port,
    latencyMs: parseLatency(values.latency),
    throttle: !values['no-throttle'],
    seed,
  });
  const images = emu.state.images.list().length;
  process.stderr.write(
    `amiaudit emulator: ${emu.url} (${emu.state.accounts.size} accounts, ${images} images; caller ${emu.state.callerAccount})\n` +
      `  point the AWS SDK or CLI at it: --endpoint-url ${emu.url}, any access key (e.g. AKIDEMULATOR / x)\n`,
  );
  process.stdout.write(`listening ${emu.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const s = emu.stats();
  await emu.close();
  process.stderr.write(`amiaudit emulator: stopped after ${s.calls} calls (${s.throttled} throttled)\n`);
  return EXIT.clean;
}
