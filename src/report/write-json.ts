import type { Report } from '../findings/model.js';

/** Serialises a report as findings.json (stable key order comes from the engine). */
export function toJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
