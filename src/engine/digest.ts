import { createHash } from 'node:crypto';
import type { Inventory } from '../inventory/inventory.js';

/**
 * A digest of the inventory's contents for the run id. Hashing every record's JSON would cost as much as
 * parsing the inventory again, so it covers the fields that identify a collection: its time, the segments,
 * and each image's identity, dates, visibility and sharing; plus record counts. Callers that already hash the
 * inventory bytes (the reader can, while reading) pass that instead via EvaluateInput.inventoryDigest.
 */
export function inventoryDigest(inv: Inventory): string {
  const h = createHash('sha256');
  let buf = `${inv.collectedAt}\n${inv.requestedAccounts.join(',')}\n${inv.collectors.join(',')}\n`;
  buf += `${inv.images.length} ${inv.usage.length} ${inv.snapshots.length} ${inv.accountRegions.length}\n`;
  const flush = (): void => {
    if (buf.length > 65_536) {
      h.update(buf);
      buf = '';
    }
  };
  for (const s of inv.segments) {
    buf += `${s.account} ${s.region} ${s.collector} ${s.status}\n`;
    flush();
  }
  for (const i of inv.images) {
    buf += `${i.imageId} ${i.account} ${i.region} ${i.creationDate} ${i.lastLaunchedTime} ${i.public} ${i.launchPermissions?.length} ${i.name}\n`;
    flush();
  }
  for (const u of inv.usage) {
    buf += `${u.imageId} ${u.account} ${u.refId}\n`;
    flush();
  }
  h.update(buf);
  return h.digest('hex');
}
