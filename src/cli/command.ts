/**
 * How a `kler` subcommand is described: its words, arguments and options (which also make its
 * `--help`), and the function that runs it.
 */
import type { KlerClient } from '../client.js';
import type { CliIo } from './io.js';

/** One option of a command, in `node:util` parseArgs terms plus help text. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder shown in help, e.g. `<n>`. */
  value?: string;
  description: string;
  /** Allowed values of a string option. */
  choices?: readonly string[];
}

/** What a command's `run` receives. */
export interface RunContext {
  readonly io: CliIo;
  /** Parsed option values by name. */
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  /** Positional arguments after the command words, in order. */
  readonly args: readonly string[];
  /** A client from KLER_API_KEY and KLER_BASE_URL (or `--base-url`); created on first use. */
  client(): KlerClient;
  /** Pages of the transaction list the client has read so far (for progress lines). */
  pagesRead(): number;
}

/** A subcommand such as `kler transactions list`. */
export interface Command {
  /** The words after `kler`, e.g. `['transactions', 'list']`. */
  readonly words: readonly string[];
  /** One line for the command list. */
  readonly summary: string;
  /** More help text, shown under the usage line. */
  readonly description?: string;
  /** Positional argument names; `?` at the end marks an optional one. */
  readonly args: readonly string[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly examples: readonly string[];
  /** Whether the command calls the API (and so needs KLER_API_KEY and takes `--base-url`). */
  readonly usesApi: boolean;
  /** Runs the command; resolves to the exit code (0 when omitted). */
  run(context: RunContext): Promise<number | void>;
}

/** `--format` for commands that print a resource. */
export const formatOption = (choices: readonly string[]): OptionSpec => ({
  type: 'string',
  value: '<format>',
  description: `output format: ${choices.join(', ')} (default ${choices[0]})`,
  choices,
});

/** `--no-bom` for commands that can print CSV. */
export const noBomOption: OptionSpec = {
  type: 'boolean',
  description: 'CSV without the UTF-8 byte-order mark (for tools that do not expect one)',
};
