import type { AppIo } from '../app/io.js';

/** The process's own streams, environment, working folder and id: what every command hands to its use case. */
export function processIo(): AppIo & { pid: number } {
  return {
    stderr: process.stderr,
    stdout: process.stdout,
    env: process.env,
    cwd: process.cwd(),
    pid: process.pid,
  };
}
