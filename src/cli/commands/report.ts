import { EXIT } from '../../app/exit-codes.js';
import { rerenderFindings } from '../../app/report.js';
import { UsageError } from '../../errors.js';
import { FORMATS } from '../../report/write.js';
import { processIo } from '../io.js';
import { parse } from '../options.js';

const HELP = `usage: amiaudit report --findings FILE [--format LIST] [--out DIR|-] [--baseline FILE] [--quiet]

Re-renders an existing findings.json into other formats.
  --findings FILE   a findings.json written by scan or evaluate (validated)
  --format LIST     any of ${FORMATS.join(',')} (default json,html)
  --out DIR|-       output folder (default reports/); '-' writes one format to stdout
  --baseline FILE   a previous findings.json: mark findings new/unchanged and list resolved ones
  --quiet           no summary on stderr
`;

/** amiaudit report: validate a findings.json and write it in the requested formats. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    findings: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    baseline: { type: 'string' },
    quiet: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.clean;
  }
  if (!values.findings) throw new UsageError('report needs --findings FILE');
  const { exitCode } = await rerenderFindings(
    {
      findingsPath: values.findings,
      ...(values.format !== undefined ? { formats: values.format } : {}),
      ...(values.out !== undefined ? { out: values.out } : {}),
      ...(values.baseline ? { baselinePath: values.baseline } : {}),
      quiet: values.quiet ?? false,
    },
    processIo(),
  );
  return exitCode;
}
