import type { EmulatorStats } from './dispatch.js';
import { buildState } from './from-world/build-state.js';
import { EmulatorServer } from './server.js';
import type { EmulatorState } from './state.js';
import type { World } from './world.js';

export type { EmulatorStats } from './dispatch.js';
export { buildState } from './from-world/build-state.js';
export { type GenerateWorldOptions, generateWorld } from './generate-world.js';
export { loadWorld, validateWorld } from './load-world.js';
export type { EmulatorState } from './state.js';
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
  /** Every AWS action served so far as an IAM action name (`ec2:DescribeImages`), sorted. */
  actionsSeen(): string[];
  /** Every distinct User-Agent header seen so far, sorted. */
  userAgentsSeen(): string[];
  close(): Promise<void>;
}

/** Starts the emulator on 127.0.0.1 and resolves once it accepts connections. */
export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const world: World = opts.faults
    ? { ...opts.world, faults: { ...opts.world.faults, ...opts.faults } }
    : opts.world;
  const clock = opts.clock ?? (() => new Date());
  const state = buildState(world, clock());
  const server = new EmulatorServer({
    state,
    port: opts.port ?? 0,
    latencyMs: opts.latencyMs,
    throttle: opts.throttle ?? true,
    seed: opts.seed ?? 1,
    clock,
  });
  const port = await server.listen();
  const { stats, actions } = server.dispatcher;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    stats: () => ({ ...stats, byApi: { ...stats.byApi } }),
    actionsSeen: () => actions.list(),
    userAgentsSeen: () => actions.userAgents(),
    close: () => server.close(),
  };
}
