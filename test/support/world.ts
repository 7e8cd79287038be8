import type { World } from '../../src/emulator/index.js';
import { ACCOUNT_NAMES, MGMT, REGION } from './organization.js';

type Organization = NonNullable<World['organization']>;
type Ou = NonNullable<Organization['ous']>[number];
type Account = World['accounts'][number];
type LaunchTemplate = NonNullable<World['launchTemplates']>[number];
type AutoScalingGroup = NonNullable<World['autoScalingGroups']>[number];
type Override = NonNullable<
  NonNullable<AutoScalingGroup['mixedInstancesPolicy']>['launchTemplate']['overrides']
>[number];

const numbered = (prefix: string, n: number) => `${prefix}-${String(n).padStart(17, '0')}`;

/** ami-0…0N, the image ids the emulator worlds number their images with. */
export const ami = (n: number) => numbered('ami', n);

/** lt-0…0N, the launch template ids of the emulator worlds. */
export const lt = (n: number) => numbered('lt', n);

/** The id of OU `name` in a world whose organization ids carry `prefix` (ou-PREFIX-NAME). */
export const ouId = (prefix: string, name: string) => `ou-${prefix}-${name}`;

/** The OU tree the emulator worlds share: root → Workloads → Prod, Dev. */
export function workloadOus(prefix: string): Ou[] {
  const workloads = ouId(prefix, 'workloads');
  return [
    { id: workloads, name: 'Workloads', parentId: `r-${prefix}` },
    { id: ouId(prefix, 'prod'), name: 'Prod', parentId: workloads },
    { id: ouId(prefix, 'dev'), name: 'Dev', parentId: workloads },
  ];
}

/** An organization managed from MGMT with root r-PREFIX; its OUs default to the shared workload tree. */
export function organization(id: string, prefix: string, ous: Ou[] = workloadOus(prefix)): Organization {
  return { id, managementAccountId: MGMT, rootId: `r-${prefix}`, ous };
}

/** One of MGMT, PROD, DEV, VENDOR under its usual name; `extra` adds or overrides fields. */
export function account(id: string, extra: Omit<Account, 'id'> = {}): Account {
  return { id, name: ACCOUNT_NAMES[id], ...extra };
}

/** Launch template lt-0…0N whose versions 1, 2, … launch `imageIds` in order. */
export function launchTemplate(
  n: number,
  name: string,
  account: string,
  imageIds: string[],
  defaultVersion?: number,
): LaunchTemplate {
  return {
    launchTemplateId: lt(n),
    name,
    account,
    region: REGION,
    ...(defaultVersion === undefined ? {} : { defaultVersion }),
    versions: imageIds.map((imageId, i) => ({ number: i + 1, imageId })),
  };
}

/** The c5.large override of ASG `mixed`: launch template `worker` at `version`. */
export function workerOverride(version: string): Override {
  return { instanceType: 'c5.large', launchTemplateSpecification: { launchTemplateName: 'worker', version } };
}

/** ASG `mixed`: a mixed-instances policy on lt-0…01 at $Default with the given overrides. */
export function mixedGroup(account: string, overrides: Override[]): AutoScalingGroup {
  return {
    name: 'mixed',
    account,
    region: REGION,
    mixedInstancesPolicy: {
      launchTemplate: {
        launchTemplateSpecification: { launchTemplateId: lt(1), version: '$Default' },
        overrides,
      },
    },
  };
}
