/**
 * The D1 (SQLite) store's statements, the PostgreSQL ones in SQLite terms: times are epoch
 * milliseconds from SQLite's own `'now'` (the same for a whole statement), tokens come from
 * `randomblob`. D1 runs one statement at a time per database and a batch as one transaction.
 */

const NOW = `CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;

/** The statements for one table (`t` already quoted). */
export function d1Queries(t: string) {
  const expired = `(${t}.state = 'done' AND ${t}.expires_at <= ${NOW})`;
  return {
    /** ?1 key, ?2 token, ?3 lease ms → attempts when acquired. Batched with `claimState`. */
    claim: `INSERT INTO ${t} (key, token, lease_until, attempts, available_at) VALUES (?1, ?2, ${NOW} + ?3, 1, ${NOW})
ON CONFLICT (key) DO UPDATE SET
  token = excluded.token, lease_until = excluded.lease_until, state = 'pending', dead_at = NULL,
  attempts = CASE WHEN ${t}.state = 'done' THEN 1 ELSE ${t}.attempts + 1 END,
  event = CASE WHEN ${t}.state = 'done' THEN NULL ELSE ${t}.event END, expires_at = NULL
WHERE ${expired} OR (${t}.state <> 'done' AND (${t}.token IS NULL OR ${t}.lease_until <= ${NOW}))
RETURNING attempts`,
    /** ?1 key: what a claim that did not acquire found. */
    claimState: `SELECT state, lease_until FROM ${t} WHERE key = ?1`,
    /** ?1 key, ?2 token, ?3 retain ms or null. */
    complete: `UPDATE ${t} SET state = 'done', token = NULL, lease_until = NULL, event = NULL, last_error = NULL,
  dead_at = NULL, expires_at = ${NOW} + ?3
WHERE key = ?1 AND token = ?2 RETURNING 1 AS ok`,
    /** ?1 key, ?2 token. */
    release: `UPDATE ${t} SET token = NULL, lease_until = NULL, available_at = ${NOW} WHERE key = ?1 AND token = ?2 RETURNING 1 AS ok`,
    /** ?1 key, ?2 event. */
    enqueue: `INSERT INTO ${t} (key, event, available_at) VALUES (?1, ?2, ${NOW})
ON CONFLICT (key) DO UPDATE SET event = excluded.event, state = 'pending', attempts = 0, token = NULL,
  lease_until = NULL, available_at = ${NOW}, last_error = NULL, expires_at = NULL
WHERE ${expired}
RETURNING 1 AS ok`,
    /** ?1 limit, ?2 lease ms. */
    lease: `UPDATE ${t} SET token = lower(hex(randomblob(16))), lease_until = ${NOW} + ?2, attempts = attempts + 1
WHERE key IN (
  SELECT key FROM ${t}
  WHERE state = 'pending' AND event IS NOT NULL AND available_at <= ${NOW}
    AND (token IS NULL OR lease_until <= ${NOW})
  ORDER BY available_at, key LIMIT ?1)
RETURNING key, event, attempts, available_at, last_error, token`,
    /** ?1 key, ?2 token, ?3 error, ?4 retry ms, ?5 dead (1/0). */
    fail: `UPDATE ${t} SET state = CASE WHEN ?5 = 1 THEN 'dead' ELSE 'pending' END,
  dead_at = CASE WHEN ?5 = 1 THEN ${NOW} END, token = NULL, lease_until = NULL,
  last_error = ?3, available_at = ${NOW} + ?4
WHERE key = ?1 AND token = ?2 RETURNING 1 AS ok`,
    /** ?1 limit. */
    deadLetters: `SELECT key, event, attempts, available_at, last_error FROM ${t} WHERE state = 'dead' ORDER BY dead_at, key LIMIT ?1`,
    /** ?1 key. */
    replay: `UPDATE ${t} SET state = 'pending', attempts = 0, available_at = ${NOW}, dead_at = NULL, token = NULL, lease_until = NULL
WHERE key = ?1 AND state = 'dead' RETURNING 1 AS ok`,
    /** Deletes up to 100 done rows whose retention passed. */
    purge: `DELETE FROM ${t} WHERE key IN (SELECT key FROM ${t} WHERE expires_at <= ${NOW} LIMIT 100)`,
  };
}
