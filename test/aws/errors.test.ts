import { describe, expect, it } from 'vitest';
import { describeError, isThrottling, segmentStatusOf } from '../../src/aws/errors.js';

const err = (name: string, message = 'm') => Object.assign(new Error(message), { name });

describe('segmentStatusOf', () => {
  it.each([
    ['AccessDenied', 'access-denied'],
    ['AccessDeniedException', 'access-denied'],
    ['UnauthorizedOperation', 'access-denied'],
    ['AuthFailure', 'access-denied'],
    ['OptInRequired', 'region-disabled'],
    ['RequestLimitExceeded', 'throttled'],
    ['ThrottlingException', 'throttled'],
    ['TooManyRequestsException', 'throttled'],
    ['TimeoutError', 'timeout'],
    ['InternalError', 'error'],
    ['Error', 'error'],
  ])('%s → %s', (name, status) => {
    expect(segmentStatusOf(err(name))).toBe(status);
  });

  it('reads Node socket error codes', () => {
    expect(segmentStatusOf(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }))).toBe('timeout');
  });
});

describe('isThrottling / describeError', () => {
  it('recognises throttling codes only', () => {
    expect(isThrottling(err('RequestLimitExceeded'))).toBe(true);
    expect(isThrottling(err('AccessDenied'))).toBe(false);
  });

  it('gives code and message on one line and hides signed query values', () => {
    const text = describeError(err('AccessDenied', 'not allowed\nat https://x?X-Amz-Signature=abcdef&y=1'));
    expect(text).toBe('AccessDenied: not allowed at https://x?X-Amz-Signature=…&y=1');
  });
});
