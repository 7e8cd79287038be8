/** Where in an input file a problem is. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** Formats a location as FILE:LINE:COL (parts that are unknown are left out). */
export function formatLocation(loc: SourceLocation): string {
  let out = loc.file;
  if (loc.line !== undefined) out += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) out += `:${loc.column}`;
  return out;
}

/** Bad user input (rule file, exceptions, inventory, flags). The CLI prints it in one line per problem and exits 2. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly location?: SourceLocation,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** "FILE:LINE:COL message", or just the message without a location. */
  toLine(): string {
    return this.location ? `${formatLocation(this.location)} ${this.message}` : this.message;
  }
}

/** Several input problems found at once (all rule-file errors are reported together). */
export class InputErrors extends Error {
  override name = 'InputErrors';
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.toLine()).join('\n'));
  }
}

/** A command-line usage problem. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Credentials or bootstrap failure that makes the whole run untrustworthy (exit 2). */
export class FatalAwsError extends Error {
  override name = 'FatalAwsError';
}

const READ_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
};

/** Why a file could not be read, in words (not "ENOENT: no such file or directory, open '…'"). */
export function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code && READ_REASONS[code] ? READ_REASONS[code] : (err as Error).message;
}

/** Quotes a user value for a message, shortened so one line stays one line. */
export function quote(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

/** The run was stopped by a signal (Ctrl-C, a scheduler's stop); exit 130 for SIGINT, 143 for SIGTERM. */
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(
    readonly signal: 'SIGINT' | 'SIGTERM',
    /** Where the records collected so far were kept, when any were written. */
    readonly partial?: string,
  ) {
    super(`interrupted by ${signal}`);
  }
}
