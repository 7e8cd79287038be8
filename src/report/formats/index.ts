import type { Report } from '../../findings/model.js';
import { toJson } from '../write-json.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { RenderOptions } from './options.js';
import { renderSarif } from './sarif.js';

/** One output format: the file it is written to and its pure renderer. */
export interface Format {
  file: string;
  render(report: Report, options: RenderOptions): string;
}

/** Every format by its --format name (contract: names and file names). */
export const FORMAT_MAP = {
  json: { file: 'findings.json', render: (r) => toJson(r) },
  html: { file: 'report.html', render: renderHtml },
  sarif: { file: 'findings.sarif', render: renderSarif },
  junit: { file: 'junit.xml', render: (r) => renderJunit(r) },
  md: { file: 'summary.md', render: renderMarkdown },
  csv: { file: 'findings.csv', render: (r) => renderCsv(r) },
} as const satisfies Record<string, Format>;

export type FormatName = keyof typeof FORMAT_MAP;

/** The --format names, for option validation and help. */
export const FORMATS = Object.keys(FORMAT_MAP) as FormatName[];
