import { open } from 'node:fs/promises';
import { InputError } from '../errors.js';

const CHUNK_BYTES = 1024 * 1024;
/** Longest line accepted; far above any real record, well below V8's string limit (~512 MiB). */
export const MAX_LINE_BYTES = 256 * 1024 * 1024;
const NEWLINE = 0x0a;
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a folder, not a file',
};

function cannotRead(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return `cannot read inventory: ${code ? (REASONS[code] ?? code) : (err as Error).message}`;
}

/**
 * Calls `onLine(text, lineNumber)` for every line of a UTF-8 file, 1-based, without the line break
 * (a trailing CR is dropped too). Reads big chunks and splits them itself: far fewer allocations and
 * awaits than readline, which matters at a million lines. A missing or unreadable file is an InputError.
 */
export async function forEachLine(
  path: string,
  onLine: (text: string, line: number) => void,
): Promise<number> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new InputError(cannotRead(err), { file: path });
  }
  let line = 0;
  const emit = (text: string): void => {
    line++;
    onLine(text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text, line);
  };
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry = 0; // bytes of an unfinished line at the start of `buffer`
    for (;;) {
      if (carry === buffer.length) {
        if (carry >= MAX_LINE_BYTES) {
          throw new InputError(`line longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB`, {
            file: path,
            line: line + 1,
          });
        }
        // One line longer than the buffer: grow instead of failing.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, carry);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, carry, buffer.length - carry, null);
      const end = carry + bytesRead;
      if (bytesRead === 0) {
        if (end > 0) emit(buffer.toString('utf8', 0, end));
        break;
      }
      // A newline byte never occurs inside a multi-byte UTF-8 sequence, so cutting after it is safe.
      const last = buffer.lastIndexOf(NEWLINE, end - 1);
      if (last < 0) {
        carry = end;
        continue;
      }
      // Decode line by line: each line becomes a small string that dies young, where decoding the whole
      // chunk would allocate a large-object string per chunk and drive extra full garbage collections.
      let start = 0;
      while (start <= last) {
        const nl = buffer.indexOf(NEWLINE, start);
        emit(buffer.toString('utf8', start, nl));
        start = nl + 1;
      }
      carry = end - last - 1;
      buffer.copy(buffer, 0, last + 1, end);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code) {
      throw new InputError(cannotRead(err), line > 0 ? { file: path, line: line + 1 } : { file: path });
    }
    throw err;
  } finally {
    await handle.close();
  }
  return line;
}
