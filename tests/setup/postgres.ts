/**
 * Vitest's global setup: the PostgreSQL every storage test runs against. TEST_DATABASE_URL
 * when set (a server where the tests may create and drop databases); otherwise a throwaway
 * cluster of Debian's PostgreSQL (scripts/lib/postgres.ts), started once for the run and
 * removed when it ends. Tests get its URL with `inject('postgresUrl')`
 * (tests/helpers/engines.ts does that for them).
 *
 * It also migrates one database once, as a template: a test's fresh database is a copy of
 * it (CREATE DATABASE … TEMPLATE, about 20 ms) instead of a new database migrated again
 * (about 150 ms). Opening the copy still applies any migration added since, so only a
 * migration edited during a `vitest` watch session needs a restart.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { describeUrl, openDb } from '../../src/server/db/connect.ts';
import { createDatabase, dropDatabase, startThrowawayPostgres, uniqueDatabaseName } from '../../scripts/lib/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An administrator's URL: tests create their own databases on this server. */
    postgresUrl: string;
    /** A migrated database to copy; '' when it could not be made (tests then migrate their own). */
    postgresTemplate: string;
  }
}

/** Stops the run with one line when TEST_DATABASE_URL cannot be reached. */
async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
    console.error(`无法连接 TEST_DATABASE_URL（${describeUrl(url)}）：${reason}。请检查地址，或去掉它让测试自己启动一个 PostgreSQL。`);
    process.exit(1);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The migrated template; undefined when the migrations fail (the tests that migrate will show why). */
async function makeTemplate(adminUrl: string): Promise<string | undefined> {
  const name = uniqueDatabaseName('test_template');
  try {
    const db = await openDb({ databaseUrl: await createDatabase(adminUrl, name), dataDir: '', poolSize: 1 });
    await db.close();
    return name;
  } catch (error) {
    console.error(`测试模板库没有建成，每个测试自己迁移：${error instanceof Error ? error.message : String(error)}`);
    await dropDatabase(adminUrl, name).catch(() => undefined);
    return undefined;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  const started = Date.now();
  let server: Awaited<ReturnType<typeof startThrowawayPostgres>> | undefined;
  let adminUrl: string;
  if (given !== undefined && given !== '') {
    await checkReachable(given);
    adminUrl = given;
  } else {
    server = await startThrowawayPostgres();
    adminUrl = server.url;
  }
  const ready = Date.now();
  const template = await makeTemplate(adminUrl);
  const where =
    server === undefined
      ? `TEST_DATABASE_URL（${describeUrl(adminUrl)}）`
      : `测试集群 127.0.0.1:${server.port}（启动 ${ready - started} ms）`;
  console.log(`PostgreSQL：${where}，模板库 ${Date.now() - ready} ms`);
  project.provide('postgresUrl', adminUrl);
  project.provide('postgresTemplate', template ?? '');
  return async () => {
    if (server !== undefined) await server.stop();
    else if (template !== undefined) await dropDatabase(adminUrl, template).catch(() => undefined);
  };
}
