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
  return sha256Hex(`${ruleId}\u0000${account}\u0000${region}\u0000${resourceId}`).slice(0, 32);
}
