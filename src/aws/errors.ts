const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthFailure',
  'UnauthorizedAccess',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
]);
const REGION_DISABLED = new Set(['OptInRequired', 'InvalidRegion']);
const THROTTLING = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'EC2ThrottledException',
]);
const TIMEOUT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNRESET']);

/** The AWS error code of an SDK error (`name` for modelled and unmodelled service errors). */
export function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; Code?: unknown; code?: unknown };
    if (typeof e.Code === 'string') return e.Code;
    if (typeof e.name === 'string' && e.name !== 'Error') return e.name;
    if (typeof e.code === 'string') return e.code;
  }
  return 'Error';
}

/** True when the error is AWS throttling (counted separately; the SDK retries it with backoff). */
export function isThrottling(err: unknown): boolean {
  return THROTTLING.has(errorCode(err));
}

/** What kind of failure ended a call: the inventory's segment statuses of the same names. */
export type FailureKind = 'access-denied' | 'region-disabled' | 'throttled' | 'timeout' | 'error';

/** Maps an error that ended a collector to the segment status the report shows. */
export function segmentStatusOf(err: unknown): FailureKind {
  const code = errorCode(err);
  if (ACCESS_DENIED.has(code)) return 'access-denied';
  if (REGION_DISABLED.has(code)) return 'region-disabled';
  if (THROTTLING.has(code)) return 'throttled';
  if (TIMEOUT.has(code) || TIMEOUT_CODES.has(code)) return 'timeout';
  return 'error';
}

/** A one-line description of an error for segment records: code and message, no stack, no secrets. */
export function describeError(err: unknown): string {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  const line = (message || code).replace(/\s+/g, ' ').trim();
  const text = line.startsWith(code) ? line : `${code}: ${line}`;
  // Signed URLs or tokens must never reach a report.
  return text.replace(/(X-Amz-[A-Za-z-]+=)[^&\s]+/g, '$1…').slice(0, 500);
}
