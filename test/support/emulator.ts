import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';

/** Base credentials: the emulator takes any key that is not a session's as the caller account. */
export const BASE_CREDENTIALS = { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'x' };

/** The environment a CLI run needs to reach the emulator with BASE_CREDENTIALS. */
export function emulatorEnv(): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: BASE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: BASE_CREDENTIALS.secretAccessKey,
  };
}

/**
 * Starts an emulator before the tests of the enclosing block (before each test with `each`, for tests
 * that change its state) and closes it after them; the handle always reads the emulator now running.
 */
export function useEmulator(options: () => EmulatorOptions, { each = false } = {}): RunningEmulator {
  let running: RunningEmulator | undefined;
  const current = () => {
    if (!running) throw new Error('the emulator runs only while a test of its block runs');
    return running;
  };
  (each ? beforeEach : beforeAll)(async () => {
    running = await startEmulator(options());
  });
  (each ? afterEach : afterAll)(async () => {
    await running?.close();
    running = undefined;
  });
  return {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    get state() {
      return current().state;
    },
    stats: () => current().stats(),
    actionsSeen: () => current().actionsSeen(),
    userAgentsSeen: () => current().userAgentsSeen(),
    close: () => current().close(),
  };
}

/** Runs `fn` against a fresh emulator and closes it afterwards, whether `fn` resolved or threw. */
export async function withEmulator<T>(
  options: EmulatorOptions,
  fn: (emu: RunningEmulator) => Promise<T>,
): Promise<T> {
  const emu = await startEmulator(options);
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}
