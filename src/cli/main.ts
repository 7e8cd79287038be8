import { EXIT } from '../app/exit-codes.js';
import { FatalAwsError, InputError, InputErrors, Interrupted, UsageError } from '../errors.js';
import { neutralise, neutraliseKeepNewlines } from '../neutralise.js';

// The pinned SDK warns on every run under Node 20 about releases amiaudit does not use; the warning
// is noise in our output (set the variable to "false" to see it). Set before any client is made.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

type Command = { describe: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  scan: { describe: 'collect + evaluate + write reports', load: () => import('./commands/scan.js') },
  collect: {
    describe: 'collect only; write an inventory (.jsonl)',
    load: () => import('./commands/collect.js'),
  },
  evaluate: { describe: 'evaluate inventories offline', load: () => import('./commands/evaluate.js') },
  report: { describe: 're-render a findings.json', load: () => import('./commands/report.js') },
  remediate: { describe: 'plan (and --apply) remediation', load: () => import('./commands/remediate.js') },
  undo: { describe: 'revert the reversible actions of a journal', load: () => import('./commands/undo.js') },
  rules: { describe: 'rules validate | rules list', load: () => import('./commands/rules.js') },
  demo: {
    describe: 'run the whole pipeline against the built-in emulator',
    load: () => import('./commands/demo.js'),
  },
  emulator: { describe: 'serve the AWS emulator on 127.0.0.1', load: () => import('./commands/emulator.js') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.describe}`);
  return `usage: amiaudit <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun amiaudit <command> --help for its options.`;
}

/** Entry point: runs one command and returns the exit code. Known errors print one line each; stacks only with --debug. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const name = args[0];
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    // Asked for, help is the output (stdout, exit 0); without a command it is a usage error.
    (name ? process.stdout : process.stderr).write(`${usage()}\n`);
    return name ? EXIT.clean : EXIT.error;
  }
  if (name === '--version' || name === '-v' || name === '-V' || name === 'version') {
    process.stdout.write(`${(await import('../version.js')).VERSION}\n`);
    return EXIT.clean;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`amiaudit: unknown command "${neutralise(name)}"\n${usage()}\n`);
    return EXIT.error;
  }
  try {
    const mod = await command.load();
    return await mod.run(args.slice(1));
  } catch (err) {
    return reportError(err, debug);
  }
}

/** One problem on one line: file names, JSON/YAML snippets and AWS text in it are neutralised, newlines included. */
function errorLine(text: string): void {
  process.stderr.write(`${neutralise(text)}\n`);
}

/** A message that may carry a usage text on the lines after it: neutralised, its own newlines kept. */
function errorText(text: string): void {
  process.stderr.write(`${neutraliseKeepNewlines(text)}\n`);
}

/**
 * Prints an error the way the CLI promises (one line per problem) and returns exit code 2 (130/143 when
 * interrupted). Every line goes through the neutraliser (src/neutralise.ts): an error echoes file names,
 * snippets of invalid JSON or YAML and AWS messages, none of which may drive the terminal.
 */
export function reportError(err: unknown, debug = false): number {
  // The reader of stdout went away (`| head`): nothing to tell it; 141 is what a shell reports for SIGPIPE.
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return EXIT.brokenPipe;
  if (err instanceof Interrupted) {
    const kept = err.partial
      ? `; the records collected so far are kept in ${err.partial} (the previous inventory is untouched)`
      : '';
    errorLine(`amiaudit: ${err.message}${kept}`);
    return err.signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
  }
  if (err instanceof InputErrors) {
    for (const e of err.errors) errorLine(e.toLine());
  } else if (err instanceof InputError) {
    errorLine(err.toLine());
  } else if (err instanceof UsageError || err instanceof FatalAwsError) {
    errorText(`amiaudit: ${err.message}`);
  } else if (err instanceof Error) {
    errorText(`amiaudit: ${err.name === 'Error' ? '' : `${err.name}: `}${err.message}`);
  } else {
    errorText(`amiaudit: ${String(err)}`);
  }
  if (debug && err instanceof Error && err.stack) errorText(err.stack);
  return EXIT.error;
}
