/**
 * A fresh database on the test PostgreSQL server for a spec that needs one (TEMPORARY
 * until the throwaway-cluster helper lands).
 */
import pg from 'pg';

export async function freshPostgresDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env['E2E_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'];
  if (admin === undefined) throw new Error('E2E_DATABASE_URL missing');
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
