/**
 * The `kler` command: finds the subcommand, parses its options with `node:util` parseArgs,
 * runs it, and turns any failure into a one-line message and an exit code.
 */
import { parseArgs } from 'node:util';
import { KlerClient } from '../client.js';
import { KlerConfigurationError, KlerInvalidParamsError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { COMMANDS } from './commands/index.js';
import type { Command, RunContext } from './command.js';
import { CliUsageError, EXIT } from './errors.js';
import { API_OPTIONS, commandHelp, GLOBAL_OPTIONS, globalHelp, groupHelp } from './help.js';
import type { CliIo } from './io.js';
import { text } from './table.js';

/** Runs `kler` with `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo, commands: readonly Command[] = COMMANDS): Promise<number> {
  const debug = argv.includes('--debug');
  const [first] = argv;
  if (first === undefined) {
    io.err(globalHelp(commands));
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.out(globalHelp(commands));
    return EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.out(`${VERSION}\n`);
    return EXIT.ok;
  }
  let command: Command | undefined;
  try {
    command = findCommand(argv, io, commands);
    if (!command) return EXIT.ok; // a group's help was printed
    return await runCommand(command, argv.slice(command.words.length), io);
  } catch (error) {
    return report(error, io, debug, command);
  }
}

/** The command `argv` names, or `undefined` after printing a group's help. */
function findCommand(argv: readonly string[], io: CliIo, commands: readonly Command[]): Command | undefined {
  const [first = '', second] = argv;
  const exact = commands.find((c) => c.words.length === 1 && c.words[0] === first);
  if (exact) return exact;
  const group = commands.filter((c) => c.words.length === 2 && c.words[0] === first);
  if (group.length === 0) {
    throw new CliUsageError(`Unknown command ${JSON.stringify(first)}. Commands: ${[...new Set(commands.map((c) => c.words[0]))].join(', ')}.`);
  }
  const sub = group.find((c) => c.words[1] === second);
  if (sub) return sub;
  if (second === undefined || second === '--help' || second === '-h') {
    const help = groupHelp(first, commands);
    if (second === undefined) {
      io.err(help);
      throw new CliUsageError(`kler ${first} needs a command: ${group.map((c) => c.words[1]).join(', ')}.`);
    }
    io.out(help);
    return undefined;
  }
  throw new CliUsageError(`Unknown command "kler ${first} ${second}". Try: ${group.map((c) => `kler ${c.words.join(' ')}`).join(', ')}.`);
}

async function runCommand(command: Command, rest: readonly string[], io: CliIo): Promise<number> {
  const specs = { ...command.options, ...(command.usesApi ? API_OPTIONS : {}), ...GLOBAL_OPTIONS };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: Object.fromEntries(
        Object.entries(specs).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}) }]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // Node's wording, minus its advice about `--`, which only matters for positionals like "-5".
    throw new CliUsageError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\.?$/, '')}.`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values['help']) {
    io.out(commandHelp(command));
    return EXIT.ok;
  }
  for (const [name, spec] of Object.entries(specs)) {
    const value = values[name];
    if (spec.choices && typeof value === 'string' && !spec.choices.includes(value)) {
      throw new CliUsageError(`--${name} must be one of ${spec.choices.join(', ')}, got ${JSON.stringify(value)}.`);
    }
  }
  const required = command.args.filter((a) => !a.endsWith('?'));
  const missing = required.slice(parsed.positionals.length);
  if (missing.length) throw new CliUsageError(`Missing <${missing.join('> <')}>.`);
  if (parsed.positionals.length > command.args.length) {
    throw new CliUsageError(`Unexpected argument ${JSON.stringify(parsed.positionals[command.args.length])}.`);
  }
  let client: KlerClient | undefined;
  const pages = { read: 0 };
  const context: RunContext = {
    io,
    values,
    args: parsed.positionals,
    client: () => (client ??= makeClient(io, values, pages)),
    pagesRead: () => pages.read,
  };
  return (await command.run(context)) ?? EXIT.ok;
}

function makeClient(io: CliIo, values: Record<string, string | boolean | undefined>, pages: { read: number }): KlerClient {
  const apiKey = io.env['KLER_API_KEY']?.trim();
  if (!apiKey) {
    throw new Error('KLER_API_KEY is not set: export KLER_API_KEY=<your API key> (any value works against `kler mock`).');
  }
  // Said here, without quoting the key: the header error fetch would throw quotes it in full.
  if (/[\u0000-\u001f\u007f]/.test(apiKey)) {
    throw new CliUsageError('KLER_API_KEY contains a line break or another control character, which no HTTP header can carry: check how it was set.');
  }
  const flag = values['base-url'];
  const baseUrl = typeof flag === 'string' ? flag : io.env['KLER_BASE_URL']?.trim() || undefined;
  // The SDK's log lines (KLER_LOG) go to standard error, like every other note of the CLI:
  // console.debug writes to stdout, where it would corrupt piped CSV or JSON.
  const line = (text: string) => io.err(`${text}\n`);
  const logger = { debug: line, info: line, warn: line, error: line };
  return new KlerClient({ apiKey, ...(baseUrl ? { baseUrl } : {}), fetch: countingPages(pages), logger });
}

/** `fetch`, counting the transaction-list pages answered, for progress lines. */
function countingPages(pages: { read: number }): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (response.ok && new URL(url).pathname.endsWith('/transactions')) pages.read++;
    return response;
  };
}

/** Prints a failure as one line (plus the stack with --debug) and picks the exit code. */
function report(error: unknown, io: CliIo, debug: boolean, command: Command | undefined): number {
  // Arguments or settings the SDK refused before sending anything came from the command line
  // or the environment (a bad --base-url, say): a usage error.
  const usage = error instanceof CliUsageError || error instanceof KlerInvalidParamsError || error instanceof KlerConfigurationError;
  const message = error instanceof Error ? error.message : String(error);
  io.err(`kler: ${oneLine(message)}\n`);
  if (usage) {
    io.err(`Run 'kler ${command ? `${command.words.join(' ')} ` : ''}--help' for usage.\n`);
  } else if (debug && error instanceof Error && error.stack) {
    io.err(`${error.stack}\n`);
  }
  return usage ? EXIT.usage : EXIT.failure;
}

/** Folds a multi-line message (a list of invalid fields, say) into one line. */
function oneLine(message: string): string {
  // Error messages quote the server's words: cleaned like table cells, so they cannot drive the terminal.
  const [head = '', ...rest] = message.split('\n').map((line) => text(line).trim().replace(/^- /, '')).filter(Boolean);
  return rest.length ? `${head} ${rest.join('; ')}` : head;
}
