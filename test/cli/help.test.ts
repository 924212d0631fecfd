import { describe, expect, it } from 'vitest';
import { kler } from './run.js';

const COMMANDS = [
  ['sessions', 'create'],
  ['sessions', 'get'],
  ['sessions', 'close'],
  ['transactions', 'list'],
  ['reconcile'],
  ['settlement'],
  ['operators', 'add'],
  ['operators', 'list'],
  ['webhooks', 'dead-letters'],
  ['webhooks', 'replay'],
  ['webhooks', 'migration'],
  ['export'],
  ['mock'],
  ['demo'],
];

describe('kler --help', () => {
  it('lists every command, the environment and the exit codes', async () => {
    const { code, stdout } = await kler(['--help']);
    expect(code).toBe(0);
    for (const words of COMMANDS) expect(stdout).toContain(`  ${words.join(' ')} `);
    expect(stdout).toContain('KLER_API_KEY');
    expect(stdout).toContain('KLER_BASE_URL');
    expect(stdout).toMatch(/Exit codes: 0 success, 1 failure, 2 wrong usage, 3/);
    expect(stdout).toContain('130 interrupted (Ctrl-C; the message says where the output stops)');
  });

  it.each(COMMANDS.map((w) => [w.join(' '), w]))('kler %s --help shows its usage and exits 0', async (_name, words) => {
    const { code, stdout, stderr } = await kler([...words, '--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(new RegExp(`^Usage: kler ${words.join(' ')}`));
    expect(stdout).toContain('-h, --help');
  });

  it.each(['transactions list', 'export', 'reconcile'])('kler %s --help offers --concurrency for closed sessions', async (command) => {
    const { stdout } = await kler([...command.split(' '), '--help']);
    expect(stdout).toMatch(/--concurrency <n>\s+.*1–16, for a CLOSED session only/);
  });

  it('shows a group help for kler sessions --help', async () => {
    const { code, stdout } = await kler(['sessions', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: kler sessions <create|get|close> [options]');
  });

  it('prints the help on stderr and exits 2 with no command', async () => {
    const { code, stdout, stderr } = await kler([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: kler <command> [options]');
  });

  it('prints the version', async () => {
    const { code, stdout } = await kler(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('wrong usage exits 2 with a one-line error and a hint', () => {
  it.each([
    [['nope'], /^kler: Unknown command "nope"\. Commands: sessions, transactions, reconcile, settlement, export, operators, webhooks, mock, demo\.$/],
    [['sessions', 'delete', 'x'], /^kler: Unknown command "kler sessions delete"\. Try: kler sessions create/],
    [['sessions', 'get'], /^kler: Missing <session_id>\.$/],
    [['sessions', 'get', 'a', 'b'], /^kler: Unexpected argument "b"\.$/],
    [['transactions', 'list', 'x', '--colour'], /^kler: Unknown option '--colour'/],
    [['transactions', 'list', 'x', '--format', 'xml'], /^kler: --format must be one of table, json, csv, got "xml"\.$/],
    [['transactions', 'list', 'x', '--all', '--offset', '5'], /^kler: --offset cannot be combined with --all/],
    [['transactions', 'list', 'x', '--limit', '0'], /^kler: --limit must be a whole number from 1 to 100, got "0"\.$/],
    [['sessions', 'create', '--name', 'x', '--external-event-id', 'e', '--pos-count', '51'], /pos-count must be a whole number from 1 to 50/],
    [['transactions', 'list', 'x', '--all', '--concurrency', '17'], /^kler: --concurrency must be a whole number from 1 to 16, got "17"\.$/],
    [['transactions', 'list', 'x', '--concurrency', '4'], /^kler: --concurrency reads several pages at once, so it needs --all\.$/],
    [['reconcile', 'x', '--concurrency', '4'], /^kler: --concurrency reads the transactions of an audit: add --audit\.$/],
    [['export', 'x', '--format', 'xero', '--concurrency', '0'], /^kler: --concurrency must be a whole number from 1 to 16, got "0"\.$/],
  ])('kler %j', async (args, message) => {
    const { code, stdout, stderr } = await kler(args, { KLER_API_KEY: 'k', KLER_BASE_URL: 'http://127.0.0.1:1/v1' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const [first, second, ...more] = stderr.trimEnd().split('\n');
    expect(first).toMatch(message);
    expect(second).toMatch(/^Run 'kler .*--help' for usage\.$/);
    expect(more).toEqual([]);
  });
});
