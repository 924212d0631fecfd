/**
 * `kler export` as an accountant receives it: the workbook is read back with read-excel-file (a
 * reader independent of the writer) for sheet names, cell values and date cells, and with
 * exceljs's reader for number formats, frozen headers and column widths; every amount is summed
 * in kobo and must equal the reconciliation totals the API reports. The Xero and QuickBooks
 * files are compared byte for byte with what their layouts say.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import readExcelFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KlerClient, toMinorUnits, type Reconciliation, type Transaction } from '../../src/index.js';
import { createKlerMock, type KlerMockServer } from '../../src/testing/index.js';
import { CLI, kler } from './run.js';
import { underTerminal } from './terminal.js';

const NOW = '2025-08-02T09:00:00.000Z';
const mock = createKlerMock({ now: () => new Date(NOW) });
let server: KlerMockServer;
let env: Record<string, string>;
let client: KlerClient;
let sid: string;
let big: string;
let dir: string;

beforeAll(async () => {
  server = await mock.listen();
  env = { KLER_API_KEY: 'k', KLER_BASE_URL: server.url };
  client = new KlerClient({ apiKey: 'k', baseUrl: server.url });
  const session = await client.sessions.create({ external_event_id: 'e', name: 'Night', collection: { account: true, pos: true, pos_count: 2 } });
  sid = session.session_id;
  const [t1, t2] = session.pos_terminals!.map((t) => t.terminal_id);
  const pay = (params: Parameters<typeof mock.simulatePayment>[1]) => mock.simulatePayment(sid, { webhook: false, ...params });
  // Paid at 23:30 UTC on 1 August: 00:30 on 2 August in Lagos.
  await pay({ amount: '15000.00', channel: 'bank_transfer', sender_name: 'Okafor, Adaeze', narration: 'Ticket "VIP"', providus_ref: 'PVS1', paid_at: '2025-08-01T23:30:00.000Z' });
  await pay({ amount: '5000', channel: 'pos', terminal_id: t1, paid_at: '2025-08-01T20:00:00.000Z' });
  await pay({ amount: '0.10', channel: 'ussd', sender_name: '=HYPERLINK("http://x")', paid_at: '2025-08-01T21:00:00.000Z' });
  await pay({ amount: '0.20', channel: 'card', paid_at: '2025-08-01T21:01:00.000Z' });
  await pay({ amount: '1234.56', channel: 'bank_transfer', status: 'pending', paid_at: '2025-08-01T21:02:00.000Z' });
  await pay({ amount: '3000.00', channel: 'card', status: 'failed', paid_at: '2025-08-01T21:03:00.000Z' });
  await pay({ amount: '7500.55', channel: 'pos', terminal_id: t2, sender_name: 'Bell\u0007 Ring\nNext', paid_at: '2025-08-01T21:04:00.000Z' });
  await mock.settle(sid, { at: new Date(NOW) });

  big = (await client.sessions.create({ external_event_id: 'e', name: 'Big', collection: { account: true, pos: false } })).session_id;
  for (let i = 1; i <= 1_234; i++) {
    await mock.simulatePayment(big, { amount: `${i}.${String(i % 100).padStart(2, '0')}`, channel: 'bank_transfer', status: i % 10 ? 'successful' : 'failed', webhook: false });
  }
  dir = await mkdtemp(join(tmpdir(), 'kler-export-'));
});

afterAll(async () => {
  await server.close();
});

/** Runs the CLI with stdout kept as bytes (a workbook is binary). */
function klerBytes(args: readonly string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'buffer', timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr: stderr.toString() });
    });
  });
}

const kobo = (cells: readonly unknown[]) => cells.reduce<bigint>((sum, cell) => sum + toMinorUnits(String(cell)), 0n);
/** Kler's times shown in Lagos: the same instant one hour on, as a spreadsheet date holds it. */
const lagos = (iso: string) => new Date(Date.parse(iso) + 3_600_000);

/**
 * A date cell to the second, as its format shows it: a spreadsheet date is a fraction of a day,
 * so a reader converting it back can land a millisecond off.
 */
const seconds = (cell: unknown) => {
  expect(cell).toBeInstanceOf(Date);
  return Math.round((cell as Date).getTime() / 1000);
};

/** The sheets as read-excel-file sees them, numbers exactly as stored in the file. */
async function sheetsOf(file: string | Buffer) {
  const sheets = await readExcelFile(file, { parseNumber: (text: string) => text });
  return Object.fromEntries(sheets.map((s) => [s.sheet, s.data])) as Record<string, unknown[][]>;
}

describe('kler export --format xlsx', () => {
  let file: string;
  let transactions: Transaction[];
  let summary: Reconciliation;

  beforeAll(async () => {
    file = join(dir, 'night.xlsx');
    const run = await kler(['export', sid, '--output', file], env);
    expect([run.code, run.stderr]).toEqual([0, '']);
    transactions = await client.transactions.list({ session_id: sid }).toArray({ max: 100 });
    summary = await client.reconciliation.retrieve(sid);
  });

  it('has the sheets Summary, Transactions and Differences, in that order', async () => {
    const sheets = await readExcelFile(file);
    expect(sheets.map((s) => s.sheet)).toEqual(['Summary', 'Transactions', 'Differences']);
  });

  it('has one row per transaction, every status, with amounts and dates as cells of their type', async () => {
    const { Transactions: rows } = await sheetsOf(file);
    const [header, ...body] = rows!;
    expect(header).toEqual([
      'id', 'session_id', 'amount', 'currency', 'channel', 'status', 'sender_name', 'sender_account', 'sender_bank',
      'narration', 'providus_ref', 'terminal_id', 'operator_id', 'paid_at (WAT)', 'created_at (WAT)',
    ]);
    expect(body.map((r) => r[0])).toEqual(transactions.map((t) => t.id));
    body.forEach((row, i) => {
      const t = transactions[i]!;
      expect(toMinorUnits(String(row[2]))).toBe(toMinorUnits(t.amount));
      expect(row[5]).toBe(t.status);
      expect(seconds(row[13])).toBe(seconds(lagos(t.paid_at!)));
      expect(seconds(row[14])).toBe(seconds(lagos(t.created_at!)));
    });
    const byId = new Map(body.map((r) => [r[0], r]));
    const transfer = transactions.find((t) => t.amount === '15000.00')!;
    expect(byId.get(transfer.id)!.slice(6, 11)).toEqual(['Okafor, Adaeze', '0123456789', '058', 'Ticket "VIP"', 'PVS1']);
    // Typed text cells: a formula-like name stays text as is; control characters become spaces.
    expect(body.map((r) => r[6])).toContain('=HYPERLINK("http://x")');
    expect(body.map((r) => r[6])).toContain('Bell  Ring Next');
  });

  it('sums, in kobo, exactly to the reconciliation totals', async () => {
    const { Transactions: rows, Summary: figures } = await sheetsOf(file);
    const body = rows!.slice(1);
    const successful = body.filter((r) => r[5] === 'successful');
    expect(kobo(successful.map((r) => r[2]))).toBe(toMinorUnits(summary.total_inflow));
    expect(kobo(successful.map((r) => r[2]))).toBe(2_750_085n); // 15000 + 5000 + 0.10 + 0.20 + 7500.55
    for (const [channel, { total, count }] of Object.entries(summary.by_channel)) {
      const rowsOf = successful.filter((r) => r[4] === channel);
      expect([rowsOf.length, kobo(rowsOf.map((r) => r[2]))]).toEqual([count, toMinorUnits(total)]);
    }
    const line = (section: string, item: string) => figures!.find((r) => r[0] === section && r[1] === item);
    expect(line('Reconciliation', 'Successful (total inflow)')!.slice(2, 4).map(String)).toEqual(['5', '27500.85']);
    expect(toMinorUnits(String(line('Reconciliation', 'Successful (total inflow)')![3]))).toBe(toMinorUnits(summary.total_inflow));
    expect(line('Reconciliation', 'All transactions')![2]).toBe(String(summary.transaction_count));
    expect(seconds(line('Reconciliation', 'Reconciled at')![4])).toBe(seconds(lagos(summary.reconciled_at)));
    const settlement = await client.settlement.retrieve(sid);
    expect(toMinorUnits(String(line('Settlement', 'Settled')![3]))).toBe(toMinorUnits(settlement.total_settled));
    const [day, { total }] = Object.entries(settlement.by_date)[0]!;
    expect(line('Settled on', day)!.slice(3)).toEqual([total.replace(/\.?0+$/, ''), new Date(`${day}T00:00:00.000Z`)]);
  });

  it('shows amounts as "NGN "#,##0.00 and dates as dates, with bold frozen headers and sized columns', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Transactions')!;
    for (let r = 2; r <= transactions.length + 1; r++) {
      expect(sheet.getCell(r, 3).numFmt).toBe('"NGN "#,##0.00');
      expect(sheet.getCell(r, 3).type).toBe(ExcelJS.ValueType.Number);
      expect(sheet.getCell(r, 14).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
      expect(sheet.getCell(r, 14).type).toBe(ExcelJS.ValueType.Date);
    }
    for (const name of ['Summary', 'Transactions', 'Differences']) {
      const ws = workbook.getWorksheet(name)!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      ws.columns.forEach((column, i) => expect(column.width).toBeGreaterThan(String(ws.getRow(1).getCell(i + 1).value).length));
    }
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(transactions[0]!.id.length);
    expect(workbook.getWorksheet('Summary')!.getCell('D4').numFmt).toBe('"NGN "#,##0.00');
  });

  it("lists the audit's findings in Differences: here, what it could not check", async () => {
    const { Differences: rows } = await sheetsOf(file);
    expect(rows![0]).toEqual(['finding', 'reference', 'kler_value', 'compared_value', 'detail']);
    // Transactions do not name their terminal (as Kler documents them), so by_terminal is unchecked.
    expect(rows!.slice(1)).toEqual([
      ['not_checked', 'by_terminal', null, null, expect.stringMatching(/^2 successful POS transaction\(s\) carry no terminal_id/)],
    ]);
  });

  it('lists a disagreement when Kler reports a summary its transactions do not add up to', async () => {
    mock.fail('reconciliation.retrieve', { status: 200, body: { success: true, data: { ...summary, total_inflow: '27500.80', failed_count: 2 } } });
    const target = join(dir, 'differs.xlsx');
    const run = await kler(['export', sid, '-o', target], env);
    mock.clearFaults();
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("Note: Kler's summary and its transactions disagree in 2 places: see the Differences sheet.\n");
    const { Differences: rows } = await sheetsOf(target);
    expect(rows!.slice(1, 3)).toEqual([
      ['summary_difference', 'total_inflow', '27500.8', '27500.85', "Kler's summary vs its transactions"],
      ['summary_difference', 'failed_count', '2', '1', "Kler's summary vs its transactions"],
    ]);
  });

  it('writes the same workbook to stdout when it is piped', async () => {
    const run = await klerBytes(['export', sid]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.subarray(0, 2).toString()).toBe('PK');
    const piped = await sheetsOf(run.stdout);
    const written = await sheetsOf(file);
    expect(piped['Transactions']).toEqual(written['Transactions']);
    expect(piped['Differences']).toEqual(written['Differences']);
  });

  it('refuses to write a workbook to a terminal, and says how to get one', async () => {
    const run = await underTerminal(['export', sid], env);
    expect(run.code).toBe(2);
    expect(run.screen).toContain('Not writing a binary XLSX workbook to the terminal: add --output <file>.xlsx, or redirect it');
    expect(run.screen).not.toContain('PK');
  });

  it('streams a session of many pages, every row once, summing exactly', async () => {
    const target = join(dir, 'big.xlsx');
    const run = await kler(['export', big, '--limit', '100', '-o', target], env);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const { Transactions: rows } = await sheetsOf(target);
    const body = rows!.slice(1);
    expect(body).toHaveLength(1_234);
    expect(new Set(body.map((r) => r[0])).size).toBe(1_234);
    const reconciliation = await client.reconciliation.retrieve(big);
    const { Differences: findings } = await sheetsOf(target);
    expect(findings!.slice(1)).toEqual([['none', null, null, null, "Kler's summary matches its 1234 transaction(s), to the kobo"]]);
    expect(kobo(body.filter((r) => r[5] === 'successful').map((r) => r[2]))).toBe(toMinorUnits(reconciliation.total_inflow));
  });

  it('leaves no file behind when the export fails, and says so', async () => {
    const target = join(dir, 'failed.xlsx');
    mock.fail('transactions.list', { status: 500 }, { times: Infinity });
    const run = await kler(['export', sid, '--limit', '2', '-o', target], env);
    mock.clearFaults();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/The export stopped after 0 rows: no file was written \(the partial .*failed\.xlsx was removed\)\.\n$/);
    expect([existsSync(target), existsSync(`${target}.partial`)]).toEqual([false, false]);
  });
});

describe('kler export --format xero and quickbooks', () => {
  let byAmount: Map<string, Transaction>;
  beforeAll(async () => {
    const all = await client.transactions.list({ session_id: sid }).toArray({ max: 100 });
    byAmount = new Map(all.map((t) => [t.amount, t]));
  });
  const id = (amount: string) => byAmount.get(amount)!.id;

  it("writes Xero's statement layout: successful payments only, Lagos dates, exact amounts, formulas defused", async () => {
    const run = await kler(['export', sid, '--format', 'xero'], env);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toBe(
      [
        '*Date,*Amount,Payee,Description,Reference',
        `01/08/2025,7500.55,Bell  Ring Next,POS,${id('7500.55')}`,
        `01/08/2025,0.20,,Card,${id('0.20')}`,
        `01/08/2025,0.10,"'=HYPERLINK(""http://x"")",USSD,${id('0.10')}`,
        `01/08/2025,5000.00,,POS,${id('5000.00')}`,
        `02/08/2025,15000.00,"Okafor, Adaeze","Bank transfer - Ticket ""VIP"" - ref PVS1",${id('15000.00')}`,
        '',
      ].join('\r\n'),
    );
    const amounts = run.stdout.trim().split('\r\n').slice(1).map((line) => line.split(',')[1]!);
    expect(kobo(amounts)).toBe(toMinorUnits((await client.reconciliation.retrieve(sid)).total_inflow));
  });

  it("writes QuickBooks' 3-column layout, with the payer and Kler's id in the description", async () => {
    const target = join(dir, 'qb.csv');
    const run = await kler(['export', sid, '--format', 'quickbooks', '--date-format', 'mm/dd/yyyy', '-o', target], env);
    expect([run.code, run.stdout, run.stderr]).toEqual([0, '', '']);
    const lines = (await readFile(target, 'utf8')).split('\r\n');
    expect(lines[0]).toBe('Date,Description,Amount');
    expect(lines.at(-2)).toBe(`08/02/2025,"Bank transfer from Okafor, Adaeze - Ticket ""VIP"" - ref PVS1 - ${id('15000.00')}",15000.00`);
    expect(lines).toHaveLength(4 + 2 + 1); // header, 5 successful payments, final CRLF
  });

  it('takes ISO dates, and warns when a statement is longer than one import takes', async () => {
    const run = await kler(['export', big, '--format', 'xero', '--date-format', 'yyyy-mm-dd'], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 1_111); // 1,234 payments, every tenth failed
    expect(lines[1]).toMatch(/^2025-08-02,1234\.34,Test Payer,Bank transfer - [^,]+ - ref PVS\d+,txn_\w+$/);
    expect(run.stderr).toBe('Note: 1,111 statement lines; Xero imports at most 1,000 per file: split it before uploading.\n');
  });

  it('rejects --date-format for a workbook and an unknown format', async () => {
    expect((await kler(['export', sid, '--date-format', 'dd/mm/yyyy', '-o', join(dir, 'x.xlsx')], env)).stderr).toMatch(
      /--date-format applies to --format xero and quickbooks/,
    );
    const bad = await kler(['export', sid, '--format', 'ods'], env);
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, 'kler: --format must be one of xlsx, xero, quickbooks, got "ods".']);
  });
});

describe('kler export without exceljs installed', () => {
  it('says how to install it for xlsx, and still writes the CSV layouts', async () => {
    // A copy of the package with its runtime dependencies only, as `npm install @kler/sdk` leaves it.
    const root = join(dir, 'bare');
    await mkdir(join(root, 'node_modules'), { recursive: true });
    await cp(join(CLI, '..'), join(root, 'dist'), { recursive: true });
    await writeFile(join(root, 'package.json'), JSON.stringify({ name: '@kler/sdk', type: 'module' }));
    const modules = join(CLI, '../../node_modules');
    for (const name of ['ky', 'zod']) await symlink(join(modules, name), join(root, 'node_modules', name));
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [join(root, 'dist/cli.js'), ...args], { env: { PATH: process.env['PATH'] ?? '', ...env } }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        );
      });
    const xlsx = await run(['export', sid, '-o', join(dir, 'none.xlsx')]);
    expect(xlsx.code).toBe(1);
    expect(xlsx.stderr).toBe(
      'kler: kler export --format xlsx needs the exceljs package, an optional peer dependency of @kler/sdk, and it is not installed. ' +
        'Install it next to @kler/sdk (npm install exceljs), or run once with npx -p @kler/sdk -p exceljs kler export …. ' +
        '--format xero and --format quickbooks need nothing extra.\n',
    );
    expect(existsSync(join(dir, 'none.xlsx.partial'))).toBe(false);
    const xero = await run(['export', sid, '--format', 'xero']);
    expect([xero.code, xero.stdout.split('\r\n')[0]]).toEqual([0, '*Date,*Amount,Payee,Description,Reference']);
  });
});
