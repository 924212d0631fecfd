/**
 * The consumer files the packed-tarball test writes into its temp project and type-checks.
 * Each subpath is imported as a namespace (new subpaths are added from `exports`), and a short
 * program uses the public names design.md fixes, as a user's code would.
 */

/** `import * as` every public specifier, so every shipped declaration file is checked. */
export function namespaceImports(specifiers: readonly string[]): string {
  const lines = specifiers.map((specifier, index) => `import * as subpath${index} from '${specifier}';`);
  return `${lines.join('\n')}\nexport const subpaths = [${specifiers.map((_, index) => `subpath${index}`).join(', ')}];\n`;
}

/** An ES module using every method and name design.md fixes, as a user's code would. */
export const ESM_CONSUMER = `
import {
  KlerClient,
  KlerAPIError,
  KlerError,
  KlerRateLimitError,
  KlerWebhookVerificationError,
  isKlerError,
  toMinorUnits,
  fromMinorUnits,
  sumAmounts,
  type KlerClientOptions,
  type KlerWebhookEvent,
  type Operator,
  type RequestOptions,
  type Session,
  type SessionCreateParams,
  type Reconciliation,
  type Settlement,
  type Transaction,
} from '@kler/sdk';
import { isTransactionReceivedEvent, signWebhook, verifyWebhook, verifyWebhookRequest } from '@kler/sdk/webhooks';
import {
  OperatorCreateParamsSchema,
  SessionCreateParamsSchema,
  SessionSchema,
  TransactionListParamsSchema,
  TransactionSchema,
} from '@kler/sdk/schemas';
import manifest from '@kler/sdk/package.json' with { type: 'json' };

const options: KlerClientOptions = {
  apiKey: 'key',
  baseUrl: 'http://127.0.0.1:9/v1',
  timeout: 1_000,
  maxRetries: 0,
  fetch: globalThis.fetch,
  webhookSecret: ['whsec_old', 'whsec_new'],
};
const kler = new KlerClient(options);
const perRequest: RequestOptions = { timeout: 500, maxRetries: 1, headers: { 'x-trace': '1' }, signal: AbortSignal.timeout(1_000) };

export async function useTheClient(params: SessionCreateParams): Promise<bigint> {
  const created: Session = await kler.sessions.create(params, perRequest);
  const fetched: Session = await kler.sessions.retrieve(created.session_id);
  const closed: Session = await kler.sessions.close(fetched.session_id);
  const firstPage = await kler.transactions.list({ session_id: closed.session_id, limit: 10, offset: 0 });
  const amounts: string[] = firstPage.data.map((t: Transaction) => t.amount);
  for await (const transaction of kler.transactions.list({ session_id: closed.session_id })) amounts.push(transaction.amount);
  const one: Transaction = await kler.transactions.retrieve('txn_1', perRequest);
  const totals: Reconciliation = await kler.reconciliation.retrieve(closed.session_id);
  const paid: Settlement = await kler.settlement.retrieve(closed.session_id);
  const operator: Operator = await kler.operators.create(closed.session_id, { name: 'Amina Bello' });
  const operators: Operator[] = await kler.operators.list(closed.session_id);
  const sold: Transaction[] = await kler.operators.listTransactions(closed.session_id, operator.id);
  const kobo: bigint = toMinorUnits(sumAmounts([...amounts, one.amount, totals.total_inflow, paid.total_settled]));
  return kobo + BigInt(operators.length + sold.length) + toMinorUnits(fromMinorUnits(1n));
}

export async function receive(payload: string, headers: Headers): Promise<Transaction | undefined> {
  const event: KlerWebhookEvent = await kler.webhooks.verify({ payload, headers });
  if (isTransactionReceivedEvent(event)) return kler.webhooks.confirm(event);
  return undefined;
}

export function describeError(error: unknown): string {
  if (error instanceof KlerRateLimitError) return String(error.retryAfter);
  if (error instanceof KlerAPIError) return \`\${error.name} \${error.status} \${error.requestId ?? ''}\`;
  if (error instanceof KlerWebhookVerificationError) return error.reason;
  if (isKlerError(error)) return (error satisfies KlerError).message;
  return String(error);
}

export async function webhooks(secret: string): Promise<string> {
  const payload = JSON.stringify({ event: 'transaction.received', session_id: 'sess_1', data: {} });
  const headers = await signWebhook({ payload, secret });
  const event: KlerWebhookEvent = await verifyWebhook({ payload, headers, secret, toleranceSeconds: 0 });
  const request = new Request('https://example.test/hook', { method: 'POST', body: payload, headers });
  const again: KlerWebhookEvent = await verifyWebhookRequest(request, { secret: [secret] });
  return event.event + again.session_id + event.webhook_id + String(event.timestamp);
}

export const schemaVendors: string[] = [SessionSchema['~standard'].vendor, TransactionSchema['~standard'].vendor];

// Validate input with the published params schemas, then hand the result to the SDK: under
// exactOptionalPropertyTypes an optional field the schema infers as \`T | undefined\` must fit.
export async function fromUntrustedInput(body: unknown, signal: AbortSignal | undefined): Promise<number> {
  const created: Session = await kler.sessions.create(SessionCreateParamsSchema.parse(body), { signal, timeout: undefined });
  const operator: Operator = await kler.operators.create(created.session_id, OperatorCreateParamsSchema.parse(body));
  const page = await kler.transactions.list(TransactionListParamsSchema.parse(body));
  // Extra fields are kept at run time and read with a cast; a misspelt known field is an error.
  // @ts-expect-error -- \`amout\` is not a field of Transaction (no index signature hides typos)
  const typo: unknown = page.data[0]?.amout;
  const withoutSession: Omit<Transaction, 'session_id'>[] = page.data;
  const amount: string | undefined = withoutSession[0]?.amount;
  return page.data.length + operator.name.length + String(typo).length + (amount?.length ?? 0);
}
export const version: string = manifest.version;
`;

/** A CommonJS file of a Node app: \`require()\` of the ESM package, as Node >= 22.12 allows. */
export const CJS_CONSUMER = `
import sdk = require('@kler/sdk');
import webhooks = require('@kler/sdk/webhooks');

const kler: sdk.KlerClient = new sdk.KlerClient({ apiKey: 'key' });
export const checks = [kler.baseUrl, typeof webhooks.verifyWebhook, sdk.isKlerError(new Error('x'))];
`;
