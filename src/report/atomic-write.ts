import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError, readFailure } from '../errors.js';

/** Why a folder cannot be used, in words (EEXIST on mkdir: a file stands where the folder should be). */
function folderFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'a file of that name is in the way, not a folder';
  if (code === 'EROFS') return 'read-only file system';
  return readFailure(err);
}

/** A file written under a temporary name beside its destination, not yet in place. */
export interface StagedFile {
  /** Renames the temp file onto the destination (atomic within one file system). */
  commit(): Promise<void>;
  /** Removes the temp file; the destination keeps its previous content. */
  discard(): Promise<void>;
}

/**
 * Fills a temp file in the destination's folder (same file system, so the rename is atomic) and
 * returns it staged. A failing `fill` removes the temp file and rethrows. The temp name is random,
 * so concurrent runs writing the same folder never share one.
 */
export async function stageFile(path: string, fill: (tmp: string) => Promise<void>): Promise<StagedFile> {
  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new InputError(
      `cannot create the output folder: ${folderFailure(err)}`,
      { file: dir },
      { cause: err },
    );
  }
  const tmp = join(dir, `.${basename(path)}.${randomUUID()}.tmp`);
  const discard = () => rm(tmp, { force: true });
  try {
    await fill(tmp);
  } catch (err) {
    await discard();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
      throw new InputError(
        `cannot write in the output folder: ${folderFailure(err)}`,
        { file: dir },
        { cause: err },
      );
    }
    throw err;
  }
  return {
    commit: async () => {
      try {
        await rename(tmp, path);
      } catch (err) {
        await discard();
        throw err;
      }
    },
    discard,
  };
}

/** Writes a file atomically: a temp file beside it, then rename, so a failed run never leaves half a report. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const staged = await stageFile(path, (tmp) => writeFile(tmp, data));
  await staged.commit();
}
