/**
 * The operator's data commands on both engines, run as an operator runs them (`node
 * scripts/…` with the environment): `db:backup` writes a private, complete copy that
 * restores (SQLite: copy the file back; PostgreSQL: pg_restore into an empty database), and
 * `data:purge` deletes what is past its retention, rehearses without deleting, and removes
 * old backups of both kinds.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { recordAudit } from '../../src/server/auth/audit.ts';
import type { Db } from '../../src/server/db/connect.ts';
import { dbPath } from '../../src/server/db/sqlite.ts';
import { allRefs } from '../../src/server/submissions/listing.ts';
import { insertEnrolment } from '../../src/server/submissions/enrolments.ts';
import { insertReport } from '../../src/server/submissions/reports.ts';
import { insertVolunteer } from '../../src/server/submissions/volunteers.ts';
import { findPgTool } from '../../scripts/lib/postgres.ts';
import { reportForm, volunteerForm } from '../helpers/submissions.ts';
import { forEachEngine, freshDatabase, type FreshDatabase } from '../helpers/engines.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const DAY = 86_400_000;

const volunteer = (name: string) => volunteerForm({ name });
const report = reportForm({ problem: '地址搬迁了' });
const consentAt = (at: Date) => ({ version: '2026-12-01.test', at });

/** Runs a script as `npm run` would, with only this database's settings (not the developer's own DATABASE_URL). */
async function script(name: string, fresh: FreshDatabase, extraEnv: Record<string, string>, args: string[] = []) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['DATABASE_URL'];
  delete env['BACKUP_DIR'];
  return run(process.execPath, [path.join(root, 'scripts', name), ...args], { cwd: root, env: { ...env, ...fresh.env, ...extraEnv } });
}

/** The audit log still refuses to be rewritten: the guard came along with the data. */
async function expectAppendOnly(db: Db): Promise<void> {
  await expect(db.kysely.updateTable('audit_log').set({ detail: 'rewritten' }).execute()).rejects.toThrow(/append-only/);
}

forEachEngine((engine, { freshDatabase: fresh }) => {
  it('db:backup writes a private, checked copy while the database is in use, and the copy restores', async () => {
    const source = await fresh();
    const live = await source.open();
    const { ref: volunteerRef } = await insertVolunteer(live, volunteer('林小雨'), consentAt(new Date()));
    const { ref: reportRef } = await insertReport(live, report, consentAt(new Date()));
    await recordAudit(live, { actor: 'system', action: 'read.export', detail: 'test' });

    const backupDir = path.join(source.dataDir, 'copies');
    // A password in DATABASE_URL (the test cluster trusts local connections, so any is accepted)
    // must reach pg_dump by its environment and never show in the output.
    const env: Record<string, string> = { BACKUP_DIR: backupDir };
    if (source.databaseUrl !== undefined) {
      const url = new URL(source.databaseUrl);
      url.password = 'pw-never-shown';
      env['DATABASE_URL'] = url.toString();
    }
    const { stdout, stderr } = await script('db-backup.ts', source, env);
    expect(stdout.trim()).toMatch(/^备份完成：.*；volunteers 1，enrollments 0，reports 1）$/);
    expect(stdout + stderr).not.toContain('pw-never-shown');
    const files = readdirSync(backupDir);
    expect(files).toEqual([expect.stringMatching(engine === 'sqlite' ? /^submissions-.*\.db$/ : /^submissions-.*\.dump$/)]);
    const copy = path.join(backupDir, files[0]!);
    expect(statSync(copy).mode & 0o777).toBe(0o600);

    // Restore as docs/deploy.md says, then open it as the server would.
    let restored: Db;
    if (engine === 'sqlite') {
      const target = await freshDatabase('sqlite', { empty: true });
      copyFileSync(copy, dbPath(target.dataDir));
      restored = await target.open();
    } else {
      const target = await freshDatabase('postgres', { empty: true });
      await run(findPgTool('pg_restore')!, [
        '--no-owner',
        '--single-transaction',
        '--exit-on-error',
        `--dbname=${target.databaseUrl!}`,
        copy,
      ]);
      restored = await target.open();
    }
    expect(await allRefs(restored, 'volunteers')).toEqual([volunteerRef]);
    expect(await allRefs(restored, 'reports')).toEqual([reportRef]);
    expect(await restored.kysely.selectFrom('audit_log').select('action').execute()).toContainEqual({ action: 'read.export' });
    await expectAppendOnly(restored);
  });

  it('data:purge rehearses with --dry-run, then deletes expired submissions and old backups of both kinds', async () => {
    const source = await fresh();
    const db = await source.open();
    const now = Date.now();
    const { ref: oldRef } = await insertVolunteer(db, volunteer('旧登记'), consentAt(new Date(now - 400 * DAY)));
    const { ref: recentRef } = await insertVolunteer(db, volunteer('新登记'), consentAt(new Date(now - 10 * DAY)));
    // Enrolments count from the later of their last change and the session day.
    const enrol = (session: string, date: string) =>
      insertEnrolment(
        db,
        { course: 'c', session, name: '王奶奶', phone: '13900139000', people: 1, consent: true },
        { seats: 5, date },
        consentAt(new Date(now - 400 * DAY)),
      );
    const pastSession = new Date(now - 380 * DAY).toISOString().slice(0, 10);
    const futureSession = new Date(now + 30 * DAY).toISOString().slice(0, 10);
    await enrol('past', pastSession);
    const { ref: upcomingRef } = await enrol('future', futureSession);
    const backups = path.join(source.dataDir, 'backups');
    mkdirSync(backups);
    const aged = (name: string, days: number) => {
      writeFileSync(path.join(backups, name), 'x');
      const t = new Date(now - days * DAY);
      utimesSync(path.join(backups, name), t, t);
    };
    aged('submissions-old.db', 40);
    aged('submissions-old.dump', 40);
    aged('submissions-new.dump', 2);
    aged('notes.txt', 400);

    const rehearsal = await script('data-purge.ts', source, {}, ['--dry-run']);
    expect(rehearsal.stdout).toContain('（演练）将删除 365 天前');
    expect(rehearsal.stdout).toContain('志愿者登记 1 条，课程报名 1 条');
    expect(rehearsal.stdout).toContain('（演练）将删除 30 天前的备份 2 个');
    expect((await allRefs(db, 'volunteers')).sort()).toEqual([oldRef, recentRef].sort());
    expect(readdirSync(backups)).toHaveLength(4);

    const purge = await script('data-purge.ts', source, {});
    expect(purge.stdout).toContain('志愿者登记 1 条，课程报名 1 条');
    expect(purge.stdout).toContain('已删除 30 天前的备份 2 个');
    expect(await allRefs(db, 'volunteers')).toEqual([recentRef]);
    expect(await allRefs(db, 'enrollments')).toEqual([upcomingRef]);
    expect(readdirSync(backups).sort()).toEqual(['notes.txt', 'submissions-new.dump']);
    const purged = await db.kysely.selectFrom('audit_log').select(['actor', 'detail']).where('action', '=', 'submission.purged').execute();
    expect(purged).toEqual([{ actor: 'system', detail: expect.stringContaining('volunteers 1') as unknown }]);
  });
});
