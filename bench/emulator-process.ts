import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, from dist/bench/ or bench/. */
const ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../..' : '..', import.meta.url));
/** A background server must not outlive a stuck benchmark. */
const MAX_LIFETIME_MS = 30 * 60_000;
const START_TIMEOUT_MS = 120_000;

export interface EmulatorProcess {
  url: string;
  /** Stops the child (idempotent) and returns what it reported on exit, with its CPU time. */
  stop(): Promise<EmulatorReport>;
}

export interface EmulatorReport {
  calls: number;
  throttled: number;
  /** user + system CPU of the emulator process (Linux /proc; NaN elsewhere). */
  cpuMs: number;
}

/** CPU time of a process from /proc/PID/stat (utime + stime, in clock ticks of 10 ms). */
function procCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Starts `amiaudit emulator ARGS --port 0` in its own process and resolves with its URL. */
export function startEmulatorProcess(args: string[]): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin/amiaudit.js'), 'emulator', ...args, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), MAX_LIFETIME_MS);
  killer.unref();
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<EmulatorReport> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const cpuMs = procCpuMs(child.pid);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
      process.off('exit', onExit);
      // "amiaudit emulator: stopped after N calls (M throttled)"
      const m = /stopped after (\d+) calls \((\d+) throttled\)/.exec(stderr);
      return { calls: Number(m?.[1] ?? Number.NaN), throttled: Number(m?.[2] ?? Number.NaN), cpuMs };
    })();
    return stopping;
  };

  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`emulator did not start within ${START_TIMEOUT_MS} ms: ${stderr}`));
    }, START_TIMEOUT_MS);
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
      const m = /^listening (http:\/\/\S+)$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${code}) before listening: ${stderr}`));
    });
  });
}
