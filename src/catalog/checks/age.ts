import { Type as T } from '@sinclair/typebox';
import type { InventoryIndex } from '../../inventory/inventory-index.js';
import type { ImageRecord } from '../../inventory/schema.js';
import { DAY_MS } from '../../time.js';
import { creationTime, defineCheck } from '../check.js';

/** Parameter defaults (the schema publishes them; the check applies them). */
const DEFAULTS = { basis: 'creation' } as const;

/** Longest SourceImageId chain followed; real lineages are a handful of copies deep. */
const MAX_CHAIN = 64;

/** One link of a source chain, as shown in evidence. */
interface ChainLink {
  imageId: string;
  account: string;
  region: string;
  creationDate: string | null;
}

/** Chain from `img` through SourceImageId to the last ancestor present in the inventory (cycles stop the walk). */
export function sourceChain(
  img: ImageRecord,
  index: InventoryIndex,
): { chain: ImageRecord[]; unresolved?: string } {
  const chain = [img];
  const images = index.inventory.images;
  let cur = img;
  while (cur.sourceImageId !== undefined && chain.length <= MAX_CHAIN) {
    const pos = index.imagePositions.get(cur.sourceImageId);
    if (pos === undefined) return { chain, unresolved: cur.sourceImageId };
    const next = images[pos];
    if (chain.includes(next)) break;
    chain.push(next);
    cur = next;
  }
  return { chain };
}

/**
 * age: older than `maxDays`. With `basis: source` the age is that of the oldest creation date along the
 * SourceImageId chain (a copy gets a fresh CreationDate but carries its ancestor's packages). An image whose
 * relevant creation date is unknown is inconclusive, never a pass.
 */
export const age = defineCheck({
  type: 'age',
  title: 'AMIs are rebuilt within a maximum age',
  description: `Fails when an AMI is more than \`maxDays\` days old; exactly \`maxDays\` still passes.

With \`basis: source\` the age is that of the oldest creation date along the \`SourceImageId\` chain: a copy gets a fresh \`CreationDate\` but still carries its ancestor's packages. The chain is followed through every image of the inventory, in any account or region, and a cycle ends the walk. \`evidence.chain\` shows each link and \`evidence.rootImageId\` names the oldest one. When the chain reaches an image that is not in the inventory, the walk stops there and \`evidence.unresolvedSourceImageId\` names it.

An AMI whose relevant creation date is unknown is inconclusive, never a pass.`,
  example: `- id: ami-max-age
  title: AMIs must be rebuilt within 180 days
  severity: medium
  check: { type: age, maxDays: 180, basis: creation }
  remediation: { action: deprecate, params: { inDays: 14 } }`,
  resourceTypes: ['ec2:image'],
  params: T.Object(
    {
      maxDays: T.Integer({
        minimum: 1,
        description: 'the oldest an AMI may be, in days (exactly maxDays still passes)',
      }),
      basis: T.Optional(
        T.Union([T.Literal('creation'), T.Literal('source')], {
          description:
            'creation: the AMI itself (default); source: its oldest ancestor along SourceImageId that is in the inventory',
          default: DEFAULTS.basis,
        }),
      ),
    },
    { additionalProperties: false },
  ),
  collectors: () => [],
  remediation: { kinds: ['lifecycle', 'annotation'], irreversible: true },
  create(check, ctx) {
    const maxMs = check.maxDays * DAY_MS;
    const basis = check.basis ?? DEFAULTS.basis;
    const { nowMs, index } = ctx;
    const images = index.inventory.images;
    const positions = basis === 'source' ? index.imagePositions : undefined;

    return {
      image(img, sink, position) {
        const created = creationTime(index, position);
        if (basis === 'creation') {
          const t = created;
          if (t !== undefined && nowMs - t <= maxMs) {
            sink.pass(img);
            return;
          }
        }
        let oldest = img;
        let oldestMs = created;
        if (basis === 'source') {
          // Walk by position without allocating (most AMIs pass), reading creation times parsed once per
          // run; the step bound ends a SourceImageId cycle.
          let cur = img;
          for (let steps = 0; cur.sourceImageId !== undefined && steps < MAX_CHAIN; steps++) {
            const pos = positions?.get(cur.sourceImageId);
            if (pos === undefined) break;
            const next = images[pos];
            const t = creationTime(index, pos);
            if (t !== undefined && (oldestMs === undefined || t < oldestMs)) {
              oldest = next;
              oldestMs = t;
            }
            cur = next;
          }
          if (oldestMs !== undefined && nowMs - oldestMs <= maxMs) {
            sink.pass(img);
            return;
          }
        }
        let links: ChainLink[] | undefined;
        let unresolved: string | undefined;
        if (basis === 'source') {
          const walk = sourceChain(img, index);
          unresolved = walk.unresolved;
          links = walk.chain.map((i) => ({
            imageId: i.imageId,
            account: i.account,
            region: i.region,
            creationDate: i.creationDate ?? null,
          }));
        }
        if (oldestMs === undefined) {
          sink.finding({
            subject: { type: 'ec2:image', image: img },
            status: 'inconclusive',
            message: `AMI ${img.imageId} has no creation date, so its age is unknown`,
            evidence: {
              basis,
              maxDays: check.maxDays,
              creationDate: null,
              ...(links ? { chain: links } : {}),
            },
          });
          return;
        }
        if (nowMs - oldestMs <= maxMs) {
          sink.pass(img);
          return;
        }
        const days = Math.floor((nowMs - oldestMs) / DAY_MS);
        const evidence: Record<string, unknown> = {
          basis,
          maxDays: check.maxDays,
          creationDate: img.creationDate ?? null,
          ageDays: days,
        };
        if (links) {
          evidence.chain = links;
          evidence.rootImageId = oldest.imageId;
          evidence.rootCreationDate = oldest.creationDate;
          if (unresolved !== undefined) evidence.unresolvedSourceImageId = unresolved;
        }
        const message =
          oldest === img
            ? `AMI ${img.imageId} is ${days} days old, more than the ${check.maxDays} allowed`
            : `AMI ${img.imageId} descends from ${oldest.imageId}, created ${days} days ago, more than the ${check.maxDays} allowed`;
        sink.finding({
          subject: { type: 'ec2:image', image: img },
          status: 'open',
          message,
          evidence,
        });
      },
    };
  },
});
