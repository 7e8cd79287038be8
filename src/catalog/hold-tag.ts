/** The tag (any value) that exempts an AMI from retention and from lifecycle remediation. */
export const DEFAULT_HOLD_TAG = 'amiaudit:hold';
