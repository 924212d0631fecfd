import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KlerClient } from '../../src/index.js';
import { createKlerMock, type KlerMockServer } from '../../src/testing/index.js';
import { kler } from './run.js';

const PAID = '2025-08-01T18:32:00.000Z';
const mock = createKlerMock({ apiKey: 'sk_cli', now: () => new Date(PAID) });
let server: KlerMockServer;
let env: Record<string, string>;
let sid: string;
let terminal: string;
const ids: Record<'transfer' | 'pos' | 'ussd' | 'card' | 'pending', string> = { transfer: '', pos: '', ussd: '', card: '', pending: '' };

beforeAll(async () => {
  server = await mock.listen();
  env = { KLER_API_KEY: 'sk_cli', KLER_BASE_URL: server.url };
  const client = new KlerClient({ apiKey: 'sk_cli', baseUrl: server.url });
  const session = await client.sessions.create({
    external_event_id: 'evt_cli',
    name: 'CLI Night',
    collection: { account: true, pos: true, pos_count: 2 },
  });
  sid = session.session_id;
  terminal = session.pos_terminals![0]!.terminal_id;
  const pay = async (params: Parameters<typeof mock.simulatePayment>[1]) => (await mock.simulatePayment(sid, params)).transaction.id;
  ids.transfer = await pay({
    amount: '15000.00',
    channel: 'bank_transfer',
    sender_name: 'Okafor, Adaeze',
    narration: 'Ticket "VIP"',
    providus_ref: 'PVS20250801000001',
  });
  ids.pos = await pay({ amount: '5000', channel: 'pos', terminal_id: terminal });
  ids.ussd = await pay({ amount: '2000.00', channel: 'ussd', sender_name: '=HYPERLINK("http://x")' });
  ids.card = await pay({ amount: '3000.00', channel: 'card', status: 'failed' });
  ids.pending = await pay({ amount: '10000.00', channel: 'bank_transfer', status: 'pending', providus_ref: 'PVS20250801000002' });
});

afterAll(async () => {
  await server.close();
});

const BOM = '\uFEFF';
const csv = (...lines: string[]) => BOM + lines.join('\r\n') + '\r\n';

describe('kler transactions list', () => {
  it('prints CSV a spreadsheet opens: BOM, CRLF, quoting, exact amounts, ISO times, formulas defused', async () => {
    const { code, stdout, stderr } = await kler(['transactions', 'list', sid, '--format', 'csv', '--limit', '3', '--offset', '2'], env);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe(
      csv(
        'id,session_id,amount,currency,channel,status,sender_name,sender_account,sender_bank,narration,providus_ref,terminal_id,operator_id,paid_at,created_at',
        `${ids.ussd},${sid},2000.00,NGN,ussd,successful,"'=HYPERLINK(""http://x"")",,,,,,,${PAID},${PAID}`,
        `${ids.pos},${sid},5000.00,NGN,pos,successful,,,,,,,,${PAID},${PAID}`,
        `${ids.transfer},${sid},15000.00,NGN,bank_transfer,successful,"Okafor, Adaeze",0123456789,058,"Ticket ""VIP""",PVS20250801000001,,,${PAID},${PAID}`,
      ),
    );
  });

  it('leaves the byte-order mark out with --no-bom', async () => {
    const { stdout } = await kler(['transactions', 'list', sid, '--format', 'csv', '--no-bom', '--limit', '1'], env);
    expect(stdout.startsWith('id,session_id,amount,')).toBe(true);
  });

  it('prints a table, newest first, amounts right-aligned', async () => {
    const { code, stdout } = await kler(['transactions', 'list', sid], env);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+AMOUNT {2}CHANNEL\s+STATUS\s+SENDER\s+PAID AT$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 4))).toEqual([
      [ids.pending, '10000.00', 'bank_transfer', 'pending'],
      [ids.card, '3000.00', 'card', 'failed'],
      [ids.ussd, '2000.00', 'ussd', 'successful'],
      [ids.pos, '5000.00', 'pos', 'successful'],
      [ids.transfer, '15000.00', 'bank_transfer', 'successful'],
    ]);
    expect(lines[3]).toContain(` 2000.00  ussd `);
    expect(lines[1]).toContain(`10000.00  bank_transfer`);
  });

  it('reads every page with --all, as JSON', async () => {
    const { code, stdout, stderr } = await kler(['transactions', 'list', sid, '--all', '--limit', '2', '--format', 'json'], env);
    expect(code).toBe(0);
    // Not a terminal: no progress line.
    expect(stderr).toBe('');
    const transactions = JSON.parse(stdout) as { id: string; amount: string }[];
    expect(transactions.map((t) => t.id)).toEqual([ids.pending, ids.card, ids.ussd, ids.pos, ids.transfer]);
    expect(transactions.map((t) => t.amount)).toEqual(['10000.00', '3000.00', '2000.00', '5000.00', '15000.00']);
  });
});

describe('kler reconcile', () => {
  it('prints the reconciliation as CSV rows of group,key,count,total', async () => {
    const { code, stdout } = await kler(['reconcile', sid, '--format', 'csv'], env);
    expect(code).toBe(0);
    expect(stdout).toBe(
      csv(
        'group,key,count,total',
        'status,successful,3,22000.00',
        'status,pending,1,',
        'status,failed,1,',
        'status,all,5,',
        'channel,bank_transfer,1,15000.00',
        'channel,pos,1,5000.00',
        'channel,ussd,1,2000.00',
        `terminal,${terminal},1,5000.00`,
      ),
    );
  });

  it('prints a table with a heading', async () => {
    const { stdout } = await kler(['reconcile', sid], env);
    expect(stdout).toContain(`Session ${sid}, reconciled at ${PAID}\n`);
    expect(stdout).toContain('Total inflow 22000.00 from 3 successful of 5 transactions\n');
    expect(stdout).toContain('GROUP     KEY             COUNT     TOTAL\n');
    expect(stdout).toContain('status    successful          3  22000.00\n');
    expect(stdout).toContain('channel   bank_transfer       1  15000.00\n');
  });

  it('prints the JSON Kler answered', async () => {
    const { stdout } = await kler(['reconcile', sid, '--format', 'json'], env);
    expect(JSON.parse(stdout)).toMatchObject({ session_id: sid, total_inflow: '22000.00', failed_count: 1, pending_count: 1 });
  });

  it('--audit finds the summary consistent and exits 0', async () => {
    const { code, stdout } = await kler(['reconcile', sid, '--audit'], env);
    expect(code).toBe(0);
    expect(stdout).toContain('Audit of 5 transactions\n  The summary matches the transactions.\n');
  });

  it('--credited lists what your platform missed or invented, and exits 3', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kler-cli-'));
    const file = join(dir, 'credited.csv');
    await writeFile(file, `${BOM}id,amount,customer\r\n${ids.transfer},15000.00,Ada\r\n${ids.pos},5000.00,"Bola, B."\r\ntxn_unknown,99.00,Eve\r\n`);

    const table = await kler(['reconcile', sid, '--credited', file], env);
    expect(table.code).toBe(3);
    expect(table.stdout).toContain('Credits: you credited 20099.00; Kler\'s successful transactions total 22000.00\n');
    expect(table.stdout).toMatch(new RegExp(`Paid at Kler, not credited \\(1\\):\\n.*\\n\\s+${ids.ussd}\\s+2000.00`));
    expect(table.stdout).toMatch(/Credited, but Kler has no such transaction \(1\):\n.*\n\s+txn_unknown\s+99.00/);

    const findings = await kler(['reconcile', sid, '--credited', file, '--format', 'csv', '--no-bom'], env);
    expect(findings.code).toBe(3);
    const rows = findings.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe('finding,reference,kler_value,compared_value,detail');
    expect(rows).toContain(`missing_credit,${ids.ussd},2000.00,,"successful at Kler, not credited"`);
    expect(rows).toContain('unknown_credit,txn_unknown,,99.00,no such transaction at Kler');
  });

  it('says which columns a credited file needs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kler-cli-'));
    const file = join(dir, 'bad.csv');
    await writeFile(file, 'ref,value\nx,1.00\n');
    const { code, stderr } = await kler(['reconcile', sid, '--credited', file], env);
    expect(code).toBe(2);
    expect(stderr).toContain('needs columns "id" (or "transaction_id") and "amount"; its header is: ref, value.');
  });
});

describe('kler settlement', () => {
  it('prints settled and pending amounts, and settled amounts by date', async () => {
    mock.settle(sid, { transactionIds: [ids.transfer], at: new Date('2025-08-02T10:00:00.000Z') });
    const { code, stdout } = await kler(['settlement', sid, '--format', 'csv'], env);
    expect(code).toBe(0);
    expect(stdout).toBe(
      csv(
        'group,key,count,total',
        'settlement,settled,1,15000.00',
        'settlement,pending_settlement,2,7000.00',
        'settled_on,2025-08-02,1,15000.00',
      ),
    );
    const table = await kler(['settlement', sid], env);
    expect(table.stdout).toContain('Settled 15000.00, awaiting settlement 7000.00\n');
  });
});

describe('kler sessions and operators', () => {
  it('creates, shows and closes a session; a second close fails with a one-line error', async () => {
    const created = await kler(
      ['sessions', 'create', '--name', 'Gate B', '--external-event-id', 'evt_9', '--pos-count', '2', '--format', 'json'],
      env,
    );
    expect(created.code).toBe(0);
    const session = JSON.parse(created.stdout) as { session_id: string; pos_terminals: { terminal_id: string }[] };
    const prefix = session.session_id.slice(0, 6);
    expect(session.pos_terminals.map((t) => t.terminal_id)).toEqual([`pos_${prefix}_001`, `pos_${prefix}_002`]);

    const shown = await kler(['sessions', 'get', session.session_id], env);
    expect(shown.stdout).toContain(`Session    ${session.session_id}\nStatus     active\nName       Gate B\nEvent      evt_9\n`);
    expect(shown.stdout).toContain(`Terminals  pos_${prefix}_001, pos_${prefix}_002\n`);

    const closed = await kler(['sessions', 'close', session.session_id], env);
    expect(closed.stdout).toContain('Status     closed\n');

    const again = await kler(['sessions', 'close', session.session_id], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `kler: Kler answered PATCH /v1/sessions/${session.session_id}/close with 409 Conflict: Session "${session.session_id}" is already closed.\n`,
    );
  });

  it('shows the stack only with --debug', async () => {
    const { code, stderr } = await kler(['sessions', 'get', 'nope', '--debug'], env);
    expect(code).toBe(1);
    const [first, ...rest] = stderr.trimEnd().split('\n');
    expect(first).toMatch(/^kler: Kler answered GET \/v1\/sessions\/nope with 404 Not Found: No session with id "nope"\.$/);
    expect(rest.some((line) => /^\s+at /.test(line))).toBe(true);
  });

  it('folds a multi-line SDK error into one line; arguments refused before sending are a usage error (2)', async () => {
    const { code, stderr } = await kler(['operators', 'add', sid, '--name', 'Amina', '--email', 'not-an-email'], env);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "kler: Invalid arguments to operators.create; no request was sent: email: email must be an email address\nRun 'kler operators add --help' for usage.\n",
    );
  });

  it('adds and lists operators', async () => {
    const added = await kler(['operators', 'add', sid, '--name', 'Amina Bello', '--phone', '08012345678'], env);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^ID\s+NAME\s+ROLE\s+PHONE\s+EMAIL\s+CREATED AT\n/);
    expect(added.stdout).toMatch(/op_\w+\s+Amina Bello\s+cashier\s+08012345678\s+2025-08-01T18:32:00\.000Z\n$/);
    const listed = await kler(['operators', 'list', sid, '--format', 'json'], env);
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((o) => o.name)).toContain('Amina Bello');
  });
});

describe('configuration errors', () => {
  it('says how to set KLER_API_KEY when it is missing', async () => {
    const { code, stderr } = await kler(['sessions', 'get', sid], { KLER_BASE_URL: server.url });
    expect(code).toBe(1);
    expect(stderr).toBe('kler: KLER_API_KEY is not set: export KLER_API_KEY=<your API key> (any value works against `kler mock`).\n');
  });

  it('reports a wrong key as Kler does (401)', async () => {
    const { code, stderr } = await kler(['sessions', 'get', sid], { ...env, KLER_API_KEY: 'sk_wrong' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^kler: Kler answered GET .* with 401 Unauthorized: Invalid API key\. Check the API key/);
  });

  it('takes --base-url over KLER_BASE_URL, and says when nothing answers', async () => {
    const { code, stderr } = await kler(['sessions', 'get', sid, '--base-url', 'http://127.0.0.1:1/v1'], env);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^kler: Could not reach Kler for GET \/v1\/sessions\/\w+: .*\n$/);
  });
});
