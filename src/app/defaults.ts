/** Default exceptions file, used when it exists in the working folder and no --exceptions is given. */
export const DEFAULT_EXCEPTIONS = 'exceptions.yaml';
/** Default output folder of every command. */
export const DEFAULT_OUT = 'reports';
/** Default inventory path of `amiaudit collect`. */
export const DEFAULT_INVENTORY = 'reports/inventory.jsonl';
