import type { Finding } from './model.js';

/**
 * What remediation re-checks a finding against before it acts: the resource's identity when the report
 * was made (creation date, state) and the check's own verdict (usage verdict, in use, hold tag). They
 * travel in `evidence` under these keys (findings.json schema 1); this module is the one place that writes
 * and reads them, so the contract between the engine and remediation is typed.
 */
export interface RemediationFacts {
  creationDate?: string;
  state?: string;
  /** The `unused` check's three-state verdict: `unused`, `inconclusive`. */
  verdict?: string;
  inUse?: boolean;
  /** The hold tag key the rule honoured. */
  holdTag?: string;
}

/** Adds the image's identity to a finding's evidence where the check did not record it. */
export function recordIdentity(
  evidence: Record<string, unknown>,
  image: { creationDate?: string; state?: string },
): void {
  if (evidence.creationDate === undefined && image.creationDate !== undefined)
    evidence.creationDate = image.creationDate;
  if (evidence.state === undefined && image.state !== undefined) evidence.state = image.state;
}

/** The facts a finding carries; a key of the wrong type (an edited file) is left out, never trusted. */
export function remediationFacts(finding: Finding): RemediationFacts {
  const e = finding.evidence;
  const facts: RemediationFacts = {};
  if (typeof e.creationDate === 'string') facts.creationDate = e.creationDate;
  if (typeof e.state === 'string') facts.state = e.state;
  if (typeof e.verdict === 'string') facts.verdict = e.verdict;
  if (typeof e.inUse === 'boolean') facts.inUse = e.inUse;
  if (typeof e.holdTag === 'string') facts.holdTag = e.holdTag;
  return facts;
}
