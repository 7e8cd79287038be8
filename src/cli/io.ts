import type { AppIo } from '../app/io.js';

let stop: AbortController | undefined;

/**
 * An AbortSignal aborted by the first SIGINT or SIGTERM (its reason is the signal's name). A second one
 * ends the process at once, the way a user who presses Ctrl-C twice expects.
 */
function stopSignal(): AbortSignal {
  if (!stop) {
    const controller = new AbortController();
    stop = controller;
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.on(sig, () => {
        if (controller.signal.aborted) process.exit(sig === 'SIGINT' ? 130 : 143);
        controller.abort(sig);
      });
    }
  }
  return stop.signal;
}

/**
 * The process's own streams, environment, working folder and id: what every command hands to its use case.
 * `interruptible` commands (those that collect) also get the stop signal; the others keep Node's default,
 * where the first Ctrl-C ends the process.
 */
export function processIo(opts: { interruptible?: boolean } = {}): AppIo & { pid: number } {
  return {
    stderr: process.stderr,
    stdout: process.stdout,
    env: process.env,
    cwd: process.cwd(),
    pid: process.pid,
    ...(opts.interruptible ? { signal: stopSignal() } : {}),
  };
}
