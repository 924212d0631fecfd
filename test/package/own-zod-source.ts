/**
 * A consumer project's own zod 4 code composing `@kler/sdk/schemas` (see tarball.spec.ts): run
 * with Node and type-checked, against the installed tarball and the project's own `zod`.
 */
export const OWN_ZOD_CONSUMER = `
import * as z from 'zod';
import * as zm from 'zod/mini';
import * as schemas from '@kler/sdk/schemas';
import { AmountSchema, OperatorSchema, SessionSchema, TransactionSchema, TimestampSchema } from '@kler/sdk/schemas';

const transaction = {
  id: 'txn_1', session_id: 'sess_1', amount: '5000.00', currency: 'NGN', channel: 'pos', status: 'successful',
  paid_at: '2025-08-01T18:32:00.000Z', created_at: '2025-08-01T18:32:01.000Z', settlement_batch: 'b7',
};

// .shape and the mini helpers, typed.
const idField: typeof SessionSchema.shape.session_id = SessionSchema.shape.session_id;
const Tiered = zm.extend(SessionSchema, { ticket_tier: zm.string() });
const tiered = Tiered.parse({ session_id: 's', status: 'active', ticket_tier: 'VIP' });
const tier: string = tiered.ticket_tier;
const Paid = zm.pick(TransactionSchema, { id: true, amount: true });
const paid = Paid.parse(transaction);
const paidAmount: string = paid.amount;
const Draft = zm.partial(OperatorSchema);

// Inside a classic z.object, with classic methods around it.
const Ticket = z.object({ ticket_id: z.string().min(1), payment: TransactionSchema }).strict();
const ticket = Ticket.parse({ ticket_id: 'T-1', payment: transaction });
const ticketAmount: string = ticket.payment.amount;

// A stored copy, and Standard Schema.
const stored = TransactionSchema.safeParse(JSON.parse(JSON.stringify(transaction)));
const bad = TransactionSchema.safeParse({ ...transaction, amount: 5000 });
const standard = TransactionSchema['~standard'].validate(transaction);
const standardBad = AmountSchema['~standard'].validate('5,000.00');

// JSON Schema of every exported schema.
const jsonSchemas: Record<string, unknown> = {};
for (const [name, value] of Object.entries(schemas)) {
  if (name.endsWith('Schema')) jsonSchemas[name] = z.toJSONSchema(value as z.core.$ZodType, { io: 'output' });
}

console.log(JSON.stringify({
  idField: idField.safeParse('').success,
  tier, paidAmount, paid, pickedKeys: Object.keys(Paid.shape), ticketAmount,
  draft: Draft.safeParse({}).success,
  storedKeptUnknown: stored.success && (stored.data as Record<string, unknown>).settlement_batch,
  bad: bad.success ? null : bad.error.issues.map((i) => ({ code: i.code, path: i.path })),
  prettified: bad.success ? null : z.prettifyError(bad.error),
  standard: 'value' in (standard as object),
  standardBad: (standardBad as { issues?: unknown[] }).issues?.length ?? 0,
  timestampFormat: (z.toJSONSchema(TimestampSchema) as { format?: string }).format,
  jsonSchemas,
}));
`;
