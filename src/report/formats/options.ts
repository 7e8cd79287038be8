/** The verdict word of a run. */
export type RunStatus = 'PASS' | 'FAIL' | 'INCOMPLETE';

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
  /**
   * The run's verdict as its exit code says it (0 PASS, 1 FAIL, 3 INCOMPLETE), which --fail-on,
   * --fail-on-new and --allow-partial decide; without it (re-rendering a findings file) it is derived
   * from the report alone.
   */
  status?: RunStatus;
}
