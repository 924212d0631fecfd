/** The text of `kler --help` and `kler <command> --help`, built from the command definitions. */
import { VERSION } from '../core/version.js';
import type { Command, OptionSpec } from './command.js';

/** Options every command takes; `base-url` only where the API is called. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  debug: { type: 'boolean', description: 'print the stack trace on errors' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

export const API_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'base-url': {
    type: 'string',
    value: '<url>',
    description: 'API base URL including /v1 (default $KLER_BASE_URL or https://api.kler.africa/v1)',
  },
};

const ENVIRONMENT = [
  '  KLER_API_KEY    your API key, sent as x-api-key (required; any value works with `kler mock`)',
  '  KLER_BASE_URL   API base URL, e.g. the URL `kler mock` prints',
];

/** `kler --help`. */
export function globalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.words.join(' ').length));
  return [
    `kler: the Kler payments API from the command line (@kler/sdk ${VERSION})`,
    '',
    'Usage: kler <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.words.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Environment:',
    ...ENVIRONMENT,
    '',
    'Exit codes: 0 success, 1 failure, 2 wrong usage, 3 `reconcile --audit` found differences,',
    '130 interrupted (Ctrl-C; the message says where the output stops).',
    'Long reads (transactions list --all, export, reconcile --audit) show progress on stderr when it is a terminal.',
    "Run 'kler <command> --help' for its options; --debug shows stack traces.",
    '',
  ].join('\n');
}

/** `kler <group> --help`, e.g. for `kler sessions`. */
export function groupHelp(group: string, commands: readonly Command[]): string {
  const members = commands.filter((c) => c.words[0] === group);
  const width = Math.max(...members.map((c) => c.words.join(' ').length));
  return [
    `Usage: kler ${group} <${members.map((c) => c.words[1]).join('|')}> [options]`,
    '',
    ...members.map((c) => `  ${c.words.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    `Run 'kler ${group} <command> --help' for its options.`,
    '',
  ].join('\n');
}

/** `kler <command> --help`. */
export function commandHelp(command: Command): string {
  const options = { ...command.options, ...(command.usesApi ? API_OPTIONS : {}), ...GLOBAL_OPTIONS };
  const labels = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return [flag, spec.description] as const;
  });
  const width = Math.max(...labels.map(([flag]) => flag.length));
  const args = command.args.map((a) => (a.endsWith('?') ? `[${a.slice(0, -1)}]` : `<${a}>`)).join(' ');
  return [
    `Usage: kler ${command.words.join(' ')}${args ? ` ${args}` : ''} [options]`,
    '',
    capitalise(command.summary) + '.',
    ...(command.description ? [command.description] : []),
    '',
    'Options:',
    ...labels.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    ...(command.usesApi ? ['', 'Environment:', ...ENVIRONMENT] : []),
    ...(command.examples.length ? ['', 'Examples:', ...command.examples.map((e) => `  ${e}`)] : []),
    '',
  ].join('\n');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
