import { ApiError } from './api-error.js';

/** Encodes a page offset as an opaque token (AWS tokens are opaque; clients must not parse them). */
function encodeToken(offset: number, api: string): string {
  return Buffer.from(`${api}:${offset}`).toString('base64url');
}

/** Decodes a NextToken made by encodeToken for the same API; anything else is InvalidNextToken-like. */
export function decodeToken(token: string | undefined, api: string, code = 'InvalidParameterValue'): number {
  if (token === undefined || token === '') return 0;
  const text = Buffer.from(token, 'base64url').toString();
  const sep = text.lastIndexOf(':');
  const offset = Number(text.slice(sep + 1));
  if (sep < 0 || text.slice(0, sep) !== api || !Number.isInteger(offset) || offset < 0) {
    throw new ApiError(code, `Invalid NextToken: ${token}`, 400);
  }
  return offset;
}

/** One page of items and the token of the next one (undefined on the last page). */
export function page<T>(
  items: readonly T[],
  offset: number,
  limit: number | undefined,
  api: string,
): { items: readonly T[]; next?: string } {
  if (limit === undefined) return { items: offset === 0 ? items : items.slice(offset) };
  const end = offset + limit;
  return { items: items.slice(offset, end), next: end < items.length ? encodeToken(end, api) : undefined };
}
