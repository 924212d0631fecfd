import { describe, expect, it } from 'vitest';
import { webhookStoreMigration } from '../../src/webhooks/index.js';
import { kler } from './run.js';

describe('kler webhooks migration', () => {
  it('prints the same SQL as webhookStoreMigration(), for the default table', async () => {
    const { code, stdout, stderr } = await kler(['webhooks', 'migration']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe(webhookStoreMigration());
    expect(stdout).toContain('CREATE TABLE IF NOT EXISTS "kler_webhook_work"');
  });

  it('takes --table and --dialect sqlite (for D1)', async () => {
    const { code, stdout } = await kler(['webhooks', 'migration', '--table', 'billing.hooks']);
    expect(code).toBe(0);
    expect(stdout).toContain('CREATE TABLE IF NOT EXISTS "billing"."hooks"');
    const sqlite = await kler(['webhooks', 'migration', '--dialect', 'sqlite', '--table', 'hooks']);
    expect(sqlite.stdout).toBe(webhookStoreMigration({ table: 'hooks', dialect: 'sqlite' }));
    expect(sqlite.stdout).toContain('lease_until integer');
  });

  it('refuses a table name that could inject SQL, with exit code 2 and nothing on stdout', async () => {
    const { code, stdout, stderr } = await kler(['webhooks', 'migration', '--table', 'x; DROP TABLE users']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Invalid webhook store table name/);
  });
});
