/**
 * The data layer on both engines, against real databases: migrations, the append-only
 * audit log, two server nodes on one database (writes and rate limits shared), and the
 * message an operator sees when PostgreSQL cannot be reached.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AUDIT_RETENTION_DAYS } from '../../src/lib/privacy.ts';
import { recordAudit } from '../../src/server/auth/audit.ts';
import { openDb } from '../../src/server/db/connect.ts';
import { hitCounter, sweepCounters } from '../../src/server/db/counters.ts';
import { MIGRATIONS, migrateToLatest } from '../../src/server/db/migrate.ts';
import { allRefs, countRows } from '../../src/server/submissions/listing.ts';
import { insertReport } from '../../src/server/submissions/reports.ts';
import { insertVolunteer } from '../../src/server/submissions/volunteers.ts';
import { freePort } from '../../scripts/lib/built-server.ts';
import { forEachEngine } from '../helpers/engines.ts';
import { reportForm, volunteerForm } from '../helpers/submissions.ts';

const consent = { version: '2026-12-01.test', at: new Date('2026-12-01T02:00:00Z') };
const volunteer = volunteerForm();
const report = reportForm();
const DAY = 86_400_000;

forEachEngine((engine, { openFresh, freshDatabase }) => {
  it('applies every migration once; running them again, or from a second node, applies nothing', async () => {
    const fresh = await freshDatabase({ empty: true });
    const first = await fresh.open({ migrate: false });
    expect(await migrateToLatest(first)).toEqual(MIGRATIONS.map(([name]) => name));
    expect(await migrateToLatest(first)).toEqual([]);
    const second = await fresh.open({ migrate: false });
    expect(await migrateToLatest(second)).toEqual([]);
    expect(await countRows(second, 'volunteers')).toBe(0);
  });

  if (engine === 'postgres') {
    it('two nodes starting at the same moment migrate once between them', async () => {
      const fresh = await freshDatabase({ empty: true });
      const [a, b] = await Promise.all([fresh.open({ migrate: false }), fresh.open({ migrate: false })]);
      const applied = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      expect(applied.flat().sort()).toEqual(MIGRATIONS.map(([name]) => name).sort());
    });
  }

  it('keeps the audit log append-only: no update, no delete of an entry younger than its retention', async () => {
    const db = await openFresh();
    const now = new Date();
    const old = new Date(now.getTime() - (AUDIT_RETENTION_DAYS + 2) * DAY);
    await recordAudit(db, { actor: 'system', action: 'submission.purged', detail: 'recent' }, now);
    await recordAudit(db, { actor: 'system', action: 'submission.purged', detail: 'old' }, old);
    const cutoff = new Date(now.getTime() - AUDIT_RETENTION_DAYS * DAY).toISOString();

    await expect(db.kysely.updateTable('audit_log').set({ detail: 'rewritten' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.kysely.deleteFrom('audit_log').where('at', '>=', cutoff).execute()).rejects.toThrow(/kept/);
    // A delete of everything at once fails whole (SQLite's truncate shortcut is off when a table has triggers).
    await expect(db.kysely.deleteFrom('audit_log').execute()).rejects.toThrow(/kept/);
    if (engine === 'postgres') await expect(sql`TRUNCATE audit_log`.execute(db.kysely)).rejects.toThrow(/append-only/);

    // The retention purge may remove what is past the retention period.
    const purged = await db.kysely.deleteFrom('audit_log').where('at', '<', cutoff).executeTakeFirst();
    expect(Number(purged.numDeletedRows)).toBe(1);
    const left = await db.kysely.selectFrom('audit_log').select('detail').execute();
    expect(left).toEqual([{ detail: 'recent' }]);
  });

  it('two handles on one database (two server nodes) see each other’s writes', async () => {
    const fresh = await freshDatabase();
    const a = await fresh.open();
    const b = await fresh.open();
    const { ref: fromA } = await insertVolunteer(a, volunteer, consent);
    expect(await allRefs(b, 'volunteers')).toEqual([fromA]);
    const { ref: fromB } = await insertReport(b, report, consent);
    expect(await allRefs(a, 'reports')).toEqual([fromB]);
  });

  it('shares rate counters between handles: a client alternating between nodes is refused at the combined limit', async () => {
    const fresh = await freshDatabase();
    const nodes = [await fresh.open(), await fresh.open()];
    const windowMs = 60_000;
    // Just after a window begins, with nothing in the window before it: the limit is exactly `limit` hits.
    const now = Math.floor(Date.now() / windowMs) * windowMs + 1_000;
    const limit = 5;
    const decisions = [];
    for (let i = 0; i < limit + 1; i++) decisions.push(await hitCounter(nodes[i % 2]!, 'forms', '203.0.113.7', limit, windowMs, now));
    expect(decisions.slice(0, limit).every((d) => d.allowed)).toBe(true);
    expect(decisions[limit]).toMatchObject({ allowed: false });
    expect(decisions[limit]!.retryAfterSeconds).toBeGreaterThan(0);
    // Refused on the other node too, and another client is not affected.
    expect((await hitCounter(nodes[0]!, 'forms', '203.0.113.7', limit, windowMs, now)).allowed).toBe(false);
    expect((await hitCounter(nodes[1]!, 'forms', '198.51.100.9', limit, windowMs, now)).allowed).toBe(true);
  });

  it("sweeping one limiter's old counters leaves another limiter's longer windows alone", async () => {
    const db = await (await freshDatabase()).open();
    const quarter = 15 * 60_000;
    const now = Math.floor(Date.now() / quarter) * quarter + 10 * 60_000; // ten minutes into a sign-in window
    for (let i = 0; i < 3; i++) await hitCounter(db, 'staff-sign-in-account', 'user-1', 10, quarter, now - 9 * 60_000);
    await hitCounter(db, 'forms', '203.0.113.7', 10, 60_000, now - 5 * 60_000);
    await sweepCounters(db, 'forms', 60_000, now);
    const left = await db.counters.selectFrom('rate_counters').select(['bucket', 'hits']).execute();
    // The old form counter is gone; the sign-in throttle still remembers its three guesses.
    expect(left.map((r) => [r.bucket, Number(r.hits)])).toEqual([['staff-sign-in-account', 3]]);
  });
});

describe('openDb with an unreachable DATABASE_URL', () => {
  it('fails with one Chinese line that names the server but not the password, and does not fall back to SQLite', async () => {
    const port = await freePort('127.0.0.1'); // nothing listens there
    const dataDir = path.join(tmpdir(), `anning-never-${port}`);
    const error: unknown = await openDb({ databaseUrl: `postgres://site:s3cret-pw@127.0.0.1:${port}/anning`, dataDir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(
      new RegExp(
        `^无法连接 PostgreSQL（postgres://site@127\\.0\\.0\\.1:${port}/anning）：connect ECONNREFUSED 127\\.0\\.0\\.1:${port}。.*DATABASE_URL`,
      ),
    );
    expect(message).not.toContain('s3cret');
    expect(message).not.toContain('\n');
    expect(existsSync(dataDir)).toBe(false);
  });
});
