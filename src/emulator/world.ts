import { type Static, Type as T } from '@sinclair/typebox';

// Account ids are accepted as numbers too: an unquoted 12-digit id in YAML parses as an integer.
const AccountId = T.Union([
  T.String({ pattern: '^[0-9]{12}$' }),
  T.Integer({ minimum: 0, maximum: 999999999999 }),
]);
// Worlds built in code may carry Dates; a world file always yields ISO strings (the YAML core schema has no
// timestamp type), so the file schema checks strings and the emulator normalises both.
const Time = T.Unsafe<string | Date>({ type: 'string', minLength: 1 });
const Opt = T.Optional;
const Obj = <P extends Parameters<typeof T.Object>[0]>(props: P) =>
  T.Object(props, { additionalProperties: false });
const Scalar = T.Union([T.String(), T.Number(), T.Boolean()]);
const Tags = T.Record(T.String(), Scalar);

const ImageBpaState = T.Union([T.Literal('unblocked'), T.Literal('block-new-sharing')]);
const SnapshotBpaState = T.Union([
  T.Literal('unblocked'),
  T.Literal('block-new-sharing'),
  T.Literal('block-all-sharing'),
]);

export const WorldOu = Obj({ id: T.String({ pattern: '^ou-' }), name: T.String(), parentId: T.String() });

export const WorldOrganization = Obj({
  id: T.String({ pattern: '^o-' }),
  managementAccountId: AccountId,
  rootId: Opt(T.String({ pattern: '^r-' })),
  featureSet: Opt(T.Union([T.Literal('ALL'), T.Literal('CONSOLIDATED_BILLING')])),
  ous: Opt(T.Array(WorldOu)),
});

export const WorldAccount = Obj({
  id: AccountId,
  name: Opt(T.String()),
  email: Opt(T.String()),
  /** OU or root id; default the root. */
  parentId: Opt(T.String()),
  /** false = an account outside the organization (a vendor, a partner). */
  member: Opt(T.Boolean()),
  status: Opt(T.Union([T.Literal('ACTIVE'), T.Literal('SUSPENDED'), T.Literal('PENDING_CLOSURE')])),
  /** Enabled regions; every other region is not opted in. Default: the world's `regions`. */
  regions: Opt(T.Array(T.String())),
  /** Role names that AssumeRole accepts. Default: OrganizationAccountAccessRole, AmiAuditRole. */
  roles: Opt(T.Array(T.String())),
  externalId: Opt(T.String()),
  /** One state for every region, or a map region → state. Default unblocked. */
  imageBlockPublicAccess: Opt(T.Union([ImageBpaState, T.Record(T.String(), ImageBpaState)])),
  snapshotBlockPublicAccess: Opt(T.Union([SnapshotBpaState, T.Record(T.String(), SnapshotBpaState)])),
});

export const WorldLaunchPermission = T.Union([
  Obj({ userId: AccountId }),
  Obj({ organizationArn: T.String({ pattern: '^arn:' }) }),
  Obj({ organizationalUnitArn: T.String({ pattern: '^arn:' }) }),
  Obj({ group: T.Literal('all') }),
]);

export const WorldBlockDevice = Obj({
  deviceName: Opt(T.String()),
  snapshotId: Opt(T.String({ pattern: '^snap-' })),
  volumeSize: Opt(T.Integer({ minimum: 1 })),
  volumeType: Opt(T.String()),
  encrypted: Opt(T.Boolean()),
});

export const WorldImage = Obj({
  imageId: T.String({ pattern: '^ami-[0-9a-zA-Z]+$' }),
  account: AccountId,
  region: T.String(),
  name: T.String(),
  description: Opt(T.String()),
  creationDate: Time,
  state: Opt(
    T.Union([T.Literal('available'), T.Literal('pending'), T.Literal('failed'), T.Literal('disabled')]),
  ),
  public: Opt(T.Boolean()),
  platform: Opt(T.String()),
  architecture: Opt(T.String()),
  deprecationTime: Opt(Time),
  lastLaunchedTime: Opt(Time),
  deregistrationProtection: Opt(T.Boolean()),
  sourceImageId: Opt(T.String()),
  sourceImageRegion: Opt(T.String()),
  imageOwnerAlias: Opt(T.String()),
  tags: Opt(Tags),
  launchPermissions: Opt(T.Array(WorldLaunchPermission)),
  /** Default: one 8 GiB gp3 root volume with a generated snapshot. */
  blockDevices: Opt(T.Array(WorldBlockDevice)),
});

export const WorldSnapshot = Obj({
  snapshotId: T.String({ pattern: '^snap-' }),
  account: AccountId,
  region: T.String(),
  volumeSize: Opt(T.Integer({ minimum: 1 })),
  storageTier: Opt(T.Union([T.Literal('standard'), T.Literal('archive')])),
  encrypted: Opt(T.Boolean()),
  description: Opt(T.String()),
  startTime: Opt(Time),
  tags: Opt(Tags),
  createVolumePermissions: Opt(
    T.Array(T.Union([Obj({ group: T.Literal('all') }), Obj({ userId: AccountId })])),
  ),
});

export const WorldInstance = Obj({
  instanceId: T.String({ pattern: '^i-' }),
  account: AccountId,
  region: T.String(),
  imageId: T.String(),
  state: Opt(
    T.Union([
      T.Literal('pending'),
      T.Literal('running'),
      T.Literal('stopping'),
      T.Literal('stopped'),
      T.Literal('shutting-down'),
      T.Literal('terminated'),
    ]),
  ),
  instanceType: Opt(T.String()),
  launchTime: Opt(Time),
  tags: Opt(Tags),
});

export const WorldLaunchTemplate = Obj({
  launchTemplateId: T.String({ pattern: '^lt-' }),
  name: T.String(),
  account: AccountId,
  region: T.String(),
  /** Default: the latest version. */
  defaultVersion: Opt(T.Integer({ minimum: 1 })),
  versions: T.Array(Obj({ number: T.Integer({ minimum: 1 }), imageId: Opt(T.String()) }), { minItems: 1 }),
});

export const WorldLaunchConfiguration = Obj({
  name: T.String(),
  account: AccountId,
  region: T.String(),
  imageId: T.String(),
  instanceType: Opt(T.String()),
});

/** An SSM parameter of data type aws:ec2:image, which launch templates name as `resolve:ssm:NAME`. */
export const WorldSsmParameter = Obj({
  account: AccountId,
  region: T.String(),
  name: T.String({ minLength: 1 }),
  /** The AMI id the parameter holds. */
  value: T.String(),
});

export const WorldLaunchTemplateSpec = Obj({
  launchTemplateId: Opt(T.String()),
  launchTemplateName: Opt(T.String()),
  version: Opt(T.String()),
});

export const WorldAutoScalingGroup = Obj({
  name: T.String(),
  account: AccountId,
  region: T.String(),
  launchConfigurationName: Opt(T.String()),
  launchTemplate: Opt(WorldLaunchTemplateSpec),
  mixedInstancesPolicy: Opt(
    Obj({
      launchTemplate: Obj({
        launchTemplateSpecification: WorldLaunchTemplateSpec,
        overrides: Opt(
          T.Array(
            Obj({ instanceType: Opt(T.String()), launchTemplateSpecification: Opt(WorldLaunchTemplateSpec) }),
          ),
        ),
      }),
    }),
  ),
  minSize: Opt(T.Integer({ minimum: 0 })),
  maxSize: Opt(T.Integer({ minimum: 0 })),
  desiredCapacity: Opt(T.Integer({ minimum: 0 })),
});

export const WorldFaults = Obj({
  /** AssumeRole into these accounts fails with AccessDenied. */
  assumeRoleDenied: Opt(T.Array(AccountId)),
  /** API-level AccessDenied (UnauthorizedOperation for EC2); api "*" = every API of that account(-region). */
  accessDenied: Opt(T.Array(Obj({ account: AccountId, region: Opt(T.String()), api: T.String() }))),
  /** Fraction (0..1) of calls that fail with a seeded 500 InternalError / 503 ServiceUnavailable. */
  errorRate: Opt(T.Number({ minimum: 0, maximum: 1 })),
  /** Extra delay for matching calls. */
  slow: Opt(
    T.Array(
      Obj({
        api: Opt(T.String()),
        account: Opt(AccountId),
        region: Opt(T.String()),
        delayMs: T.Integer({ minimum: 0 }),
      }),
    ),
  ),
});

/**
 * A Recycle Bin retention rule for AMIs (Region-level, no tag conditions): DeregisterImage in that
 * account-region moves the image to the bin for `retentionDays` instead of deleting it.
 */
export const WorldRecycleBinRule = Obj({
  account: AccountId,
  region: T.String(),
  retentionDays: T.Integer({ minimum: 1, maximum: 365 }),
});

export const WorldSchema = Obj({
  organization: Opt(WorldOrganization),
  /** The account that base (non-session) credentials act as. Default: the management account. */
  callerAccount: Opt(AccountId),
  /** The ARN partition the emulator answers for (ARNs it returns, role ARNs it accepts). Default aws. */
  partition: Opt(T.Union([T.Literal('aws'), T.Literal('aws-us-gov'), T.Literal('aws-cn')])),
  /** Regions enabled for accounts that do not list their own. Default [us-east-1]. */
  regions: Opt(T.Array(T.String(), { minItems: 1 })),
  accounts: T.Array(WorldAccount, { minItems: 1 }),
  images: Opt(T.Array(WorldImage)),
  snapshots: Opt(T.Array(WorldSnapshot)),
  instances: Opt(T.Array(WorldInstance)),
  launchTemplates: Opt(T.Array(WorldLaunchTemplate)),
  launchConfigurations: Opt(T.Array(WorldLaunchConfiguration)),
  autoScalingGroups: Opt(T.Array(WorldAutoScalingGroup)),
  ssmParameters: Opt(T.Array(WorldSsmParameter)),
  recycleBinRules: Opt(T.Array(WorldRecycleBinRule)),
  faults: Opt(WorldFaults),
});

/** A world: what the emulator serves. The YAML world file has exactly this shape. */
export type World = Static<typeof WorldSchema>;
export type WorldAccountInput = Static<typeof WorldAccount>;
export type WorldImageInput = Static<typeof WorldImage>;
export type WorldSnapshotInput = Static<typeof WorldSnapshot>;
export type WorldLaunchPermissionInput = Static<typeof WorldLaunchPermission>;
export type WorldLaunchTemplateSpecInput = Static<typeof WorldLaunchTemplateSpec>;
export type WorldFaultsInput = Static<typeof WorldFaults>;
