/**
 * User-supplied regexes run against cloud strings that an attacker may control. AMI names are at most
 * 128 characters and tag values 256, so bounding the input keeps a pathological pattern's cost bounded
 * without changing any legitimate result.
 */
export const MAX_REGEX_INPUT = 1024;

/** Compiles a user regex; throws an Error naming `what` when the pattern is invalid. */
export function compileUserRegex(pattern: string, what: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (err) {
    throw new Error(
      `${what}: invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

/** Tests a user regex against at most MAX_REGEX_INPUT characters of `value`. */
export function boundedTest(re: RegExp, value: string): boolean {
  return re.test(value.length > MAX_REGEX_INPUT ? value.slice(0, MAX_REGEX_INPUT) : value);
}

/** Executes a user regex against at most MAX_REGEX_INPUT characters of `value`. */
export function boundedExec(re: RegExp, value: string): RegExpExecArray | null {
  return re.exec(value.length > MAX_REGEX_INPUT ? value.slice(0, MAX_REGEX_INPUT) : value);
}
