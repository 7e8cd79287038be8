import * as crypto from 'node:crypto';

// crypto.hash (one-shot, no Hash object) is much cheaper per call; it exists from Node 20.12.
const oneShot = (crypto as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;

/** Hex sha256 of a string. */
export function sha256Hex(data: string): string {
  return oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * Stable id of a finding: the first 32 hex characters of sha256 over rule id, account, region and
 * resource id, joined by NUL (a character none of them can contain, so no two tuples collide by concatenation).
 * Formatters use it as the SARIF partial fingerprint and the JUnit test name; baselines match on it.
 */
export function fingerprint(ruleId: string, account: string, region: string, resourceId: string): string {
  const h = sha256Hex(`${ruleId}\u0000${account}\u0000${region}\u0000${resourceId}`);
  // A 32-character slice would keep the whole 64-character digest alive; slices under 13 characters are
  // copied, and flattening their concatenation halves the memory of millions of ids.
  return flatString(h.slice(0, 8) + h.slice(8, 16) + h.slice(16, 24) + h.slice(24, 32));
}

/**
 * Returns `s` flattened: V8 keeps concatenations as trees of pieces (about 2.5× the size of the text) until
 * something reads a character, which flattens them in place. The engine retains millions of messages.
 */
export function flatString(s: string): string {
  s.charCodeAt(0);
  return s;
}
