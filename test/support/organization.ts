// One number per role, so an id in a failure message says which account it is in every test.
export const MGMT = '111111111111';
export const PROD = '222222222222';
export const DEV = '333333333333';
/** Outside the organization in emulator worlds. */
export const VENDOR = '444444444444';
/** The fourth member of the engine's inventories; no world has both it and VENDOR. */
export const SANDBOX = '444444444444';
/** A member whose AssumeRole the emulator denies. */
export const DENIED = '555555555555';
export const SUSPENDED = '666666666666';
/** An account in no organization any test knows. */
export const FOREIGN = '999999999999';

/** The names the emulator worlds give the accounts above. */
export const ACCOUNT_NAMES: Readonly<Record<string, string>> = {
  [MGMT]: 'management',
  [PROD]: 'prod',
  [DEV]: 'dev',
  [VENDOR]: 'vendor',
};

/** The home region: where a test's single account-region lives. */
export const REGION = 'us-east-1';
/** The two regions the test organizations enable. */
export const REGIONS = ['us-east-1', 'eu-west-1'];

/** The role the emulator's accounts accept besides OrganizationAccountAccessRole. */
export const ROLE = 'AmiAuditRole';

/** The ARN of organization `org`, managed from `management`. */
export function orgArn(org: string, management = MGMT): string {
  return `arn:aws:organizations::${management}:organization/${org}`;
}

/** The ARN of OU `ou` in organization `org`, managed from MGMT. */
export function ouArn(org: string, ou: string): string {
  return `arn:aws:organizations::${MGMT}:ou/${org}/${ou}`;
}
