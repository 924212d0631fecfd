/**
 * The PostgreSQL store's statements. Each operation is one statement, so it is atomic on its
 * own (no transaction to hold open across a round trip); times come from the server's
 * `statement_timestamp()`, so processes with skewed clocks agree on leases.
 */

const NOW = 'statement_timestamp()';
const ms = (column: string) => `floor(extract(epoch from ${column}) * 1000)::float8`;
const plusMs = (param: string) => `${NOW} + ${param}::float8 * interval '1 millisecond'`;
/** A done row whose retention has passed counts as absent. */
const EXPIRED = (w: string) => `(${w}.state = 'done' AND ${w}.expires_at <= ${NOW})`;

/** The statements for one table (`t` already quoted). */
export function postgresQueries(t: string) {
  return {
    /** $1 key, $2 token, $3 lease ms → one row: status, attempts, lease_expires_at. */
    claim: `WITH claimed AS (
  INSERT INTO ${t} AS w (key, token, lease_until, attempts, available_at)
  VALUES ($1::text, $2::text, ${plusMs('$3')}, 1, ${NOW})
  ON CONFLICT (key) DO UPDATE SET
    token = excluded.token, lease_until = excluded.lease_until, state = 'pending', dead_at = NULL,
    attempts = CASE WHEN w.state = 'done' THEN 1 ELSE w.attempts + 1 END,
    event = CASE WHEN w.state = 'done' THEN NULL ELSE w.event END, expires_at = NULL
  WHERE ${EXPIRED('w')} OR (w.state <> 'done' AND (w.token IS NULL OR w.lease_until <= ${NOW}))
  RETURNING attempts
)
SELECT 'acquired' AS status, attempts, NULL::float8 AS lease_expires_at FROM claimed
UNION ALL
SELECT CASE WHEN state = 'done' THEN 'done' ELSE 'in_progress' END, NULL, ${ms('lease_until')}
FROM ${t} WHERE key = $1::text AND NOT EXISTS (SELECT 1 FROM claimed)`,
    /** $1 key, $2 token, $3 retain ms or null. */
    complete: `UPDATE ${t} SET state = 'done', token = NULL, lease_until = NULL, event = NULL, last_error = NULL,
  dead_at = NULL, expires_at = ${plusMs('$3')}
WHERE key = $1::text AND token = $2::text RETURNING 1 AS ok`,
    /** $1 key, $2 token. */
    release: `UPDATE ${t} SET token = NULL, lease_until = NULL, available_at = ${NOW}
WHERE key = $1::text AND token = $2::text RETURNING 1 AS ok`,
    /** $1 key, $2 event. */
    enqueue: `INSERT INTO ${t} AS w (key, event, available_at) VALUES ($1::text, $2::text, ${NOW})
ON CONFLICT (key) DO UPDATE SET event = excluded.event, state = 'pending', attempts = 0, token = NULL,
  lease_until = NULL, available_at = ${NOW}, last_error = NULL, expires_at = NULL
WHERE ${EXPIRED('w')}
RETURNING 1 AS ok`,
    /** $1 limit, $2 lease ms. SKIP LOCKED: concurrent workers take disjoint rows without waiting. */
    lease: `UPDATE ${t} AS w SET token = gen_random_uuid()::text, lease_until = ${plusMs('$2')}, attempts = w.attempts + 1
WHERE w.key IN (
  SELECT key FROM ${t}
  WHERE state = 'pending' AND event IS NOT NULL AND available_at <= ${NOW}
    AND (token IS NULL OR lease_until <= ${NOW})
  ORDER BY available_at, key LIMIT $1::integer FOR UPDATE SKIP LOCKED)
RETURNING w.key, w.event, w.attempts, ${ms('w.available_at')} AS available_at, w.last_error, w.token`,
    /** $1 key, $2 token, $3 error, $4 retry ms, $5 dead. */
    fail: `UPDATE ${t} SET state = CASE WHEN $5::boolean THEN 'dead' ELSE 'pending' END,
  dead_at = CASE WHEN $5::boolean THEN ${NOW} END, token = NULL, lease_until = NULL,
  last_error = $3::text, available_at = ${plusMs('$4')}
WHERE key = $1::text AND token = $2::text RETURNING 1 AS ok`,
    /** $1 limit. */
    deadLetters: `SELECT key, event, attempts, ${ms('available_at')} AS available_at, last_error
FROM ${t} WHERE state = 'dead' ORDER BY dead_at, key LIMIT $1::integer`,
    /** $1 key. */
    replay: `UPDATE ${t} SET state = 'pending', attempts = 0, available_at = ${NOW}, dead_at = NULL,
  token = NULL, lease_until = NULL
WHERE key = $1::text AND state = 'dead' RETURNING 1 AS ok`,
    /** Deletes up to 100 done rows whose retention passed (claims already treat them as absent). */
    purge: `DELETE FROM ${t} WHERE key IN (
  SELECT key FROM ${t} WHERE expires_at <= ${NOW} LIMIT 100 FOR UPDATE SKIP LOCKED)`,
  };
}
