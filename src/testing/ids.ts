/**
 * Ids shaped like Kler's: sessions as hex strings (as in the API reference), `txn_…`, `op_…`,
 * and terminals `pos_<first 6 characters of the session id>_<NNN>`.
 */

/** `length` random lowercase hex characters. */
export function randomHex(length: number): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(Math.ceil(length / 2)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').slice(0, length);
}

/** `length` random decimal digits (account numbers, bank references). */
export function randomDigits(length: number): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => String(b % 10)).join('');
}

export const newSessionId = (): string => randomHex(24);
export const newTransactionId = (): string => `txn_${randomHex(20)}`;
export const newOperatorId = (): string => `op_${randomHex(16)}`;
export const newWebhookId = (): string => `msg_${randomHex(24)}`;

/** Kler's terminal naming: `pos_3f1e2d_001` for the first terminal of session `3f1e2d…`. */
export function terminalId(sessionId: string, index: number): string {
  return `pos_${sessionId.slice(0, 6)}_${String(index).padStart(3, '0')}`;
}

/** A Providus-style bank reference for a transfer paid at `paidAt`: `PVS20250801` and 10 digits. */
export function providusRef(paidAt: Date): string {
  return `PVS${paidAt.toISOString().slice(0, 10).replaceAll('-', '')}${randomDigits(10)}`;
}
