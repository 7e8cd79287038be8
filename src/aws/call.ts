/**
 * Runs one AWS call under its API name. Collect passes a segment's call (paced by account, region and
 * API, counted, ranked); remediation passes `directCall` and paces at the session's clients instead.
 */
export type AwsCall = <T>(api: string, fn: () => Promise<T>) => Promise<T>;

/** An AwsCall that adds nothing: the client's own pacing (if any) applies. */
export const directCall: AwsCall = (_api, fn) => fn();
