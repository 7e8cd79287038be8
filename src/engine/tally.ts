import type { CheckSink, FindingDraft } from '../catalog/check.js';
import { fingerprint, flatString } from '../findings/fingerprint.js';
import type { Finding, PassedResource, Resource, RuleSummary } from '../findings/model.js';
import { recordIdentity } from '../findings/remediation-facts.js';
import type { Inventory } from '../inventory/inventory.js';
import type { ImageRecord } from '../inventory/schema.js';
import type { Rule } from '../rules/schema.js';
import { roundUsd } from './cost.js';
import type { CostTally } from './cost-tally.js';
import type { ExceptionSet } from './exceptions.js';
import { FindingObject } from './finding.js';
import { toResource } from './resource.js';

type Remediation = NonNullable<Finding['remediation']>;

function countFlags(flags: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < flags.length; i++) n += flags[i];
  return n;
}

/**
 * What one evaluation has seen so far, across rules: the findings, which resources were evaluated (flags by
 * position, far cheaper than sets of a million objects; account-regions, a few thousand, by id), the resource
 * objects findings share, and the cost. Each rule reports into it through its own RuleSink.
 */
export class EvaluationTally {
  readonly findings: Finding[] = [];
  readonly passed: Record<string, PassedResource[]> | undefined;
  readonly imageEvaluated: Uint8Array;
  readonly snapshotEvaluated: Uint8Array;
  readonly accountRegionsEvaluated = new Set<string>();
  /** Findings of several rules on one resource share its resource object: identical JSON, far less memory. */
  readonly imageResources: (Resource | undefined)[];
  readonly otherResources = new Map<unknown, Resource>();
  /** Position of the image whose check is running, so a sink need not look it up. */
  current = -1;
  private positions: Map<ImageRecord, number> | undefined;

  constructor(
    readonly inventory: Inventory,
    readonly cost: CostTally,
    readonly exceptions: ExceptionSet,
    includePassed: boolean,
  ) {
    const images = inventory.images;
    this.imageEvaluated = new Uint8Array(images.length);
    this.snapshotEvaluated = new Uint8Array(inventory.snapshots.length);
    this.imageResources = new Array<Resource | undefined>(images.length);
    this.passed = includePassed ? {} : undefined;
  }

  /** Position of an image in inventory.images: the hint, the running image, or a lookup built once. */
  positionOf(img: ImageRecord, hint: number | undefined): number {
    if (hint !== undefined) return hint;
    const images = this.inventory.images;
    if (this.current >= 0 && images[this.current] === img) return this.current;
    this.positions ??= new Map(images.map((im, i) => [im, i]));
    const pos = this.positions.get(img);
    if (pos === undefined) throw new Error(`image ${img.imageId} is not in the inventory`);
    return pos;
  }

  /** The sink one rule reports into, counting into its summary. */
  sinkFor(rule: Rule, summary: RuleSummary, remediation: Remediation | undefined): RuleSink {
    let passedHere: PassedResource[] | undefined;
    if (this.passed) {
      passedHere = [];
      this.passed[rule.id] = passedHere;
    }
    return new RuleSink(this, rule, summary, remediation, passedHere);
  }

  /** Distinct resources evaluated by any rule. */
  resourcesEvaluated(): number {
    return (
      countFlags(this.imageEvaluated) + countFlags(this.snapshotEvaluated) + this.accountRegionsEvaluated.size
    );
  }
}

/** One rule's sink: passes and findings go to the tally, counts to the rule's summary. */
export class RuleSink implements CheckSink {
  private readonly excepted: boolean;

  constructor(
    private readonly tally: EvaluationTally,
    private readonly rule: Rule,
    private readonly summary: RuleSummary,
    private readonly remediation: Remediation | undefined,
    private readonly passedHere: PassedResource[] | undefined,
  ) {
    this.excepted = tally.exceptions.covers(rule.id);
  }

  pass(img: ImageRecord, position?: number): void {
    this.summary.evaluated++;
    this.tally.imageEvaluated[this.tally.positionOf(img, position)] = 1;
    this.passedHere?.push({ account: img.account, region: img.region, id: img.imageId });
  }

  passSnapshot(position: number): void {
    this.summary.evaluated++;
    this.tally.snapshotEvaluated[position] = 1;
    const snap = this.tally.inventory.snapshots[position];
    this.passedHere?.push({ account: snap.account, region: snap.region, id: snap.snapshotId });
  }

  passAccountRegion(id: string): void {
    this.summary.evaluated++;
    this.tally.accountRegionsEvaluated.add(id);
    if (this.passedHere) {
      const [account, region] = id.split('/');
      this.passedHere.push({ account, region, id });
    }
  }

  finding(draft: FindingDraft): void {
    const { tally, rule } = this;
    this.summary.evaluated++;
    const s = draft.subject;
    const exception = this.excepted ? tally.exceptions.find(rule.id, s) : undefined;
    const status = exception ? 'suppressed' : draft.status;
    this.summary[status]++;
    let resource: Resource | undefined;
    let usd: number | undefined;
    if (s.type === 'ec2:image') {
      const pos = tally.positionOf(s.image, s.position);
      tally.imageEvaluated[pos] = 1;
      resource = tally.imageResources[pos];
      if (!resource) {
        resource = toResource(s);
        tally.imageResources[pos] = resource;
      }
      usd = tally.cost.image(s.image, pos);
      if (status === 'open') tally.cost.countImage(s.image, pos);
      // Remediation re-checks that the live AMI is the one reported: give it the identity to compare.
      if (this.remediation) recordIdentity(draft.evidence, s.image);
    } else {
      const key = s.type === 'ec2:snapshot' ? s.snapshot : `${s.account}/${s.region}`;
      resource = tally.otherResources.get(key);
      if (!resource) {
        resource = toResource(s);
        tally.otherResources.set(key, resource);
      }
      if (s.type === 'ec2:snapshot') {
        tally.snapshotEvaluated[s.snapshotPosition] = 1;
        usd = tally.cost.snapshot(s.snapshotPosition);
        if (status === 'open') tally.cost.countSnapshot(s.snapshotPosition);
      } else tally.accountRegionsEvaluated.add(resource.id);
    }
    tally.findings.push(
      new FindingObject(
        fingerprint(rule.id, resource.account, resource.region, resource.id),
        rule,
        status,
        resource,
        flatString(draft.message),
        draft.evidence,
        this.remediation,
        exception && { reason: exception.reason, owner: exception.owner, expires: exception.expires },
        usd === undefined ? undefined : roundUsd(usd),
      ),
    );
  }
}
