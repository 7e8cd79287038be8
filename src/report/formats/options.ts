/** Options shared by the formatters; every field has a deterministic default so output is reproducible. */
export interface RenderOptions {
  /** Folder that rule file paths are made relative to (SARIF wants repo-relative URIs); SARIF requires it. */
  rootDir?: string;
  /** The amiaudit package folder: bundled rule files get SARIF URIs relative to it. Default: PACKAGE_ROOT. */
  packageRoot?: string;
  /** SARIF `automationDetails.id` (the code scanning category). Default: derived from the accounts in scope. */
  sarifCategory?: string;
  /** Most findings rendered as HTML table rows (the rest stay in findings.json / findings.csv). */
  htmlMaxRows?: number;
  /** Byte budget of summary.md (GitHub rejects step summaries over 1 MiB). */
  markdownMaxBytes?: number;
}
