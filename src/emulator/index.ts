import { EmulatorServer, type EmulatorStats } from './server.js';
import { EmulatorState } from './state.js';
import type { World } from './world.js';

export { type GenerateWorldOptions, generateWorld } from './generate-world.js';
export { loadWorld, validateWorld } from './load-world.js';
export { EmulatorState } from './state.js';
export type { World } from './world.js';

/** Faults injected on top of the world file's own `faults` section. */
export type FaultOptions = NonNullable<World['faults']>;

export interface EmulatorOptions {
  world: World;
  /** 0 or absent = a free port. */
  port?: number;
  /** Uniform random latency added to every response, in ms. */
  latencyMs?: [number, number];
  /** Default true: AWS token buckets per (account, region, API). */
  throttle?: boolean;
  /** Merged over world.faults. */
  faults?: FaultOptions;
  /** Seeds fault injection and latency jitter. Default 1. */
  seed?: number;
  /** The emulator's notion of "now" (deprecation checks). Default: the real clock. */
  clock?: () => Date;
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  state: EmulatorState;
  stats(): EmulatorStats;
  close(): Promise<void>;
}

/** Starts the emulator on 127.0.0.1 and resolves once it accepts connections. */
export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const world: World = opts.faults
    ? { ...opts.world, faults: { ...opts.world.faults, ...opts.faults } }
    : opts.world;
  const clock = opts.clock ?? (() => new Date());
  const state = new EmulatorState(world, clock());
  const server = new EmulatorServer({
    state,
    port: opts.port ?? 0,
    latencyMs: opts.latencyMs,
    throttle: opts.throttle ?? true,
    seed: opts.seed ?? 1,
    clock,
  });
  const port = await server.listen();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    stats: () => ({ ...server.stats, byApi: { ...server.stats.byApi } }),
    close: () => server.close(),
  };
}
