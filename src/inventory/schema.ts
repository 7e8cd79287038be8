import { type Static, Type as T } from '@sinclair/typebox';

/** Version of the inventory format; bump on incompatible change. */
export const INVENTORY_SCHEMA_VERSION = '1';

const AccountId = T.String({ pattern: '^[0-9]{12}$' });
const Region = T.String({ minLength: 1, description: 'AWS region, or "*" for account-level records' });
const Iso = T.String({ minLength: 1, description: 'ISO 8601 timestamp' });
const Opt = T.Optional;

export const OrgAccount = T.Object(
  {
    id: AccountId,
    name: Opt(T.String()),
    email: Opt(T.String()),
    status: Opt(T.String()),
    parentId: Opt(T.String({ description: 'root or OU id that directly contains the account' })),
  },
  { additionalProperties: false },
);

export const OrgUnit = T.Object(
  {
    id: T.String({ minLength: 1 }),
    name: Opt(T.String()),
    parentId: Opt(T.String({ description: 'parent OU or root id; absent for a root' })),
  },
  { additionalProperties: false },
);

export const Organization = T.Object(
  {
    id: Opt(T.String({ description: 'o-… id of the scanned organization, absent without Organizations' })),
    managementAccountId: Opt(AccountId),
    accounts: T.Array(OrgAccount),
    ous: T.Array(OrgUnit, { description: 'roots and OUs; accounts point at them through parentId' }),
  },
  { additionalProperties: false },
);

export const HeaderRecord = T.Object(
  {
    kind: T.Literal('header'),
    schemaVersion: T.Literal(INVENTORY_SCHEMA_VERSION),
    collectedAt: Iso,
    tool: Opt(T.Object({ name: T.String(), version: T.String() }, { additionalProperties: false })),
    organization: Organization,
    requestedAccounts: Opt(T.Array(AccountId, { description: 'accounts this inventory set out to scan' })),
    regions: Opt(T.Array(T.String())),
    collectors: Opt(T.Array(T.String(), { description: 'collectors that ran (see Collector)' })),
    shard: Opt(T.Object({ index: T.Integer({ minimum: 1 }), count: T.Integer({ minimum: 1 }) })),
  },
  { additionalProperties: false },
);

/** What one collection segment gathers. `assume-role` and `regions` are account-level (region "*"). */
export const COLLECTORS = [
  'assume-role',
  'regions',
  'images',
  'launch-permissions',
  'instances',
  'launch-templates',
  'launch-configurations',
  'auto-scaling-groups',
  'snapshots',
  'settings',
] as const;
export type Collector = (typeof COLLECTORS)[number];

/** Collectors whose data can prove that an AMI is in use. */
export const USAGE_COLLECTORS: readonly Collector[] = [
  'instances',
  'launch-templates',
  'launch-configurations',
  'auto-scaling-groups',
];

export const SEGMENT_STATUSES = [
  'ok',
  'access-denied',
  'assume-failed',
  'region-disabled',
  'throttled',
  'timeout',
  'error',
  'skipped',
] as const;

export const SegmentRecord = T.Object(
  {
    kind: T.Literal('segment'),
    account: AccountId,
    region: Region,
    collector: T.Union(COLLECTORS.map((c) => T.Literal(c))),
    status: T.Union(SEGMENT_STATUSES.map((s) => T.Literal(s))),
    error: Opt(T.String()),
    calls: T.Integer({ minimum: 0 }),
    durationMs: T.Number({ minimum: 0 }),
    items: Opt(T.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const LaunchPermission = T.Object(
  {
    group: Opt(T.Literal('all')),
    userId: Opt(T.String()),
    organizationArn: Opt(T.String()),
    organizationalUnitArn: Opt(T.String()),
  },
  { additionalProperties: false },
);

export const BlockDevice = T.Object(
  {
    deviceName: Opt(T.String()),
    snapshotId: Opt(T.String()),
    volumeSize: Opt(T.Number()),
    volumeType: Opt(T.String()),
    encrypted: Opt(T.Boolean()),
    kmsKeyId: Opt(T.String()),
    virtualName: Opt(T.String()),
  },
  { additionalProperties: false },
);

export const ImageRecord = T.Object(
  {
    kind: T.Literal('image'),
    account: AccountId,
    region: T.String({ minLength: 1 }),
    imageId: T.String({ pattern: '^ami-[0-9a-zA-Z]+$' }),
    name: Opt(T.String()),
    description: Opt(T.String()),
    ownerId: Opt(T.String()),
    ownerAlias: Opt(T.String()),
    creationDate: Opt(Iso),
    state: Opt(T.String()),
    public: T.Boolean(),
    platform: Opt(T.String()),
    platformDetails: Opt(T.String()),
    usageOperation: Opt(T.String()),
    architecture: Opt(T.String()),
    imageType: Opt(T.String()),
    rootDeviceType: Opt(T.String()),
    rootDeviceName: Opt(T.String()),
    virtualizationType: Opt(T.String()),
    hypervisor: Opt(T.String()),
    bootMode: Opt(T.String()),
    tpmSupport: Opt(T.String()),
    imdsSupport: Opt(T.String()),
    enaSupport: Opt(T.Boolean()),
    sriovNetSupport: Opt(T.String()),
    deprecationTime: Opt(Iso),
    deregistrationProtection: Opt(T.String()),
    lastLaunchedTime: Opt(Iso),
    imageAllowed: Opt(T.Boolean()),
    freeTierEligible: Opt(T.Boolean()),
    sourceImageId: Opt(T.String()),
    sourceImageRegion: Opt(T.String()),
    sourceInstanceId: Opt(T.String()),
    productCodes: Opt(T.Array(T.String())),
    tags: T.Record(T.String(), T.String()),
    blockDevices: T.Array(BlockDevice),
    launchPermissions: Opt(
      T.Array(LaunchPermission, { description: 'absent when the launch-permissions collector did not run' }),
    ),
  },
  { additionalProperties: false },
);

export const USAGE_SOURCES = [
  'instance',
  'launch-template',
  'launch-configuration',
  'auto-scaling-group',
] as const;

export const UsageRecord = T.Object(
  {
    kind: T.Literal('usage'),
    imageId: T.String({ minLength: 1 }),
    account: AccountId,
    region: T.String({ minLength: 1 }),
    source: T.Union(USAGE_SOURCES.map((s) => T.Literal(s))),
    refId: T.String({ minLength: 1, description: 'i-…, lt-…:version, LC name, ASG name' }),
    detail: Opt(T.String()),
  },
  { additionalProperties: false },
);

export const SnapshotRecord = T.Object(
  {
    kind: T.Literal('snapshot'),
    account: AccountId,
    region: T.String({ minLength: 1 }),
    snapshotId: T.String({ minLength: 1 }),
    volumeSizeGiB: T.Number({ minimum: 0 }),
    fullSizeBytes: Opt(T.Number({ minimum: 0 })),
    storageTier: Opt(T.String()),
    encrypted: Opt(T.Boolean()),
    description: Opt(T.String()),
    startTime: Opt(Iso),
    public: T.Boolean(),
    sharedWith: Opt(T.Array(T.String(), { description: 'account ids with createVolumePermission' })),
  },
  { additionalProperties: false },
);

export const AccountRegionRecord = T.Object(
  {
    kind: T.Literal('account-region'),
    account: AccountId,
    region: T.String({ minLength: 1 }),
    imageBlockPublicAccess: Opt(T.String({ description: 'block-new-sharing | unblocked' })),
    imageBlockPublicAccessManagedBy: Opt(T.String()),
    snapshotBlockPublicAccess: Opt(
      T.String({ description: 'block-all-sharing | block-new-sharing | unblocked' }),
    ),
  },
  { additionalProperties: false },
);

export const InventoryRecord = T.Union([
  HeaderRecord,
  SegmentRecord,
  ImageRecord,
  UsageRecord,
  SnapshotRecord,
  AccountRegionRecord,
]);

export type OrgAccount = Static<typeof OrgAccount>;
export type OrgUnit = Static<typeof OrgUnit>;
export type Organization = Static<typeof Organization>;
export type HeaderRecord = Static<typeof HeaderRecord>;
export type SegmentRecord = Static<typeof SegmentRecord>;
export type SegmentStatus = SegmentRecord['status'];
export type LaunchPermission = Static<typeof LaunchPermission>;
export type BlockDevice = Static<typeof BlockDevice>;
export type ImageRecord = Static<typeof ImageRecord>;
export type UsageRecord = Static<typeof UsageRecord>;
export type UsageSource = UsageRecord['source'];
export type SnapshotRecord = Static<typeof SnapshotRecord>;
export type AccountRegionRecord = Static<typeof AccountRegionRecord>;
export type InventoryRecord = Static<typeof InventoryRecord>;
