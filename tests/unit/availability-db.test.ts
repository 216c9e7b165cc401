/**
 * Availability reports in the database, on SQLite and on a real PostgreSQL, with a
 * controlled clock: reports are appended (the newest is current), "仍然如此" copies the
 * current row with a new time and expiry, the public feed shows 未知 past the expiry and
 * lists no sample, the history pages newest first, every report and confirmation is in the
 * audit log without personal data, and the feed's ETag holds across two nodes until the
 * data or the clock changes what it says.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formReference, type InstitutionInfo } from '../../src/lib/forms/reference-data.ts';
import { checkReport, type AvailabilityFeed, type ReportField, type ReportInput } from '../../src/lib/network/availability.ts';
import type { StaffPrincipal } from '../../src/lib/network/roles.ts';
import type { Db } from '../../src/server/db/connect.ts';
import {
  appendReport,
  availabilityFeed,
  confirmReports,
  currentReport,
  currentReports,
  reportHistory,
} from '../../src/server/network/availability.ts';
import { availabilityAction, availabilityInstitutions, feedIncludes, takesReports } from '../../src/server/network/availability-console.ts';
import { feedResponse, feedSource, matchesEtag } from '../../src/server/network/availability-feed.ts';
import { forEachEngine } from '../helpers/engines.ts';

const HOUR = 3_600_000;
const T0 = new Date('2026-12-05T01:00:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

const REAL = 'bj-tsinghua-changgung'; // 住院 and 居家, Beijing
const OTHER = 'bj-haidian-hospital';
const SAMPLE = 'sample-330106';

const report = (fields: Partial<Record<ReportField, string>>): ReportInput => {
  const check = checkReport('住院', (f) => fields[f]);
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  return check.report;
};
const context = (now: Date, institution = REAL, actor = 'user-manager') => ({ institution, county: '110114', actor, now });

async function auditRows(db: Db) {
  return db.kysely.selectFrom('audit_log').selectAll().where('action', 'like', 'availability.%').orderBy('id').execute();
}

forEachEngine((_engine, { openFresh, freshDatabase }) => {
  it('appends reports: the newest per institution and mode is current, and each is in the audit log without the note', async () => {
    const db = await openFresh();
    await appendReport(db, context(T0), '住院', report({ status: '紧张', openBeds: '10', freeBeds: '1', note: '请先电话联系护士站' }));
    const second = await appendReport(db, context(at(1)), '住院', report({ status: '有空位', openBeds: '10', freeBeds: '3' }));
    expect(second).toMatchObject({
      institution: REAL,
      mode: '住院',
      status: '有空位',
      openBeds: 10,
      freeBeds: 3,
      kind: 'report',
      reportedBy: 'user-manager',
      reportedAt: at(1).toISOString(),
      expiresAt: at(25).toISOString(),
    });
    expect(await currentReport(db, REAL, '住院')).toEqual(second);
    expect(await currentReport(db, REAL, '居家')).toBeUndefined();

    const audit = await auditRows(db);
    expect(audit.map((r) => [r.action, r.actor, r.target_kind, r.target_ref, r.scope, r.detail])).toEqual([
      ['availability.reported', 'user-manager', 'availability', REAL, '110114', 'mode=住院; status=紧张; hours=24'],
      ['availability.reported', 'user-manager', 'availability', REAL, '110114', 'mode=住院; status=有空位; hours=24'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('护士站');
  });

  it('refuses in the database itself what the rules refuse: free beds above open beds, a note over 200 characters', async () => {
    const db = await openFresh();
    const row = {
      institution: REAL,
      mode: '住院',
      status: '有空位',
      open_beds: 2,
      free_beds: 3,
      waiting: null,
      accepts: null,
      area: null,
      note: null,
      reported_at: T0.toISOString(),
      expires_at: at(24).toISOString(),
      reported_by: 'x',
    };
    await expect(db.kysely.insertInto('availability_reports').values(row).execute()).rejects.toThrow();
    await expect(
      db.kysely
        .insertInto('availability_reports')
        .values({ ...row, free_beds: 1, note: '字'.repeat(201) })
        .execute(),
    ).rejects.toThrow();
  });

  it('"仍然如此" copies the current figures with a new time and the same hours, also for an expired report', async () => {
    const db = await openFresh();
    await appendReport(db, context(T0), '住院', report({ status: '暂停接收', note: '病区改造', expiryHours: '12' }));
    // 13 hours later the pause has expired: the public no longer sees it …
    expect((await availabilityFeed(db, at(13), () => true)).institutions[REAL]?.住院).toMatchObject({ fresh: false, shownStatus: '未知' });
    // … until someone confirms it again.
    const [confirmed] = await confirmReports(db, context(at(13), REAL, 'user-colleague'), ['住院', '居家']);
    expect(confirmed).toMatchObject({
      status: '暂停接收',
      note: '病区改造',
      kind: 'confirm',
      reportedBy: 'user-colleague',
      reportedAt: at(13).toISOString(),
      expiresAt: at(25).toISOString(),
    });
    expect((await availabilityFeed(db, at(13), () => true)).institutions[REAL]?.住院).toMatchObject({
      fresh: true,
      shownStatus: '暂停接收',
    });
    // 居家 had no report: nothing to confirm, nothing written.
    expect(await currentReport(db, REAL, '居家')).toBeUndefined();
    expect((await auditRows(db)).map((r) => [r.action, r.actor, r.detail])).toEqual([
      ['availability.reported', 'user-manager', 'mode=住院; status=暂停接收; hours=12'],
      ['availability.confirmed', 'user-colleague', 'mode=住院; status=暂停接收; hours=12'],
    ]);
  });

  it('gives the public feed at a moment: real institutions only, 未知 past the expiry with the last time kept, never the reporter', async () => {
    const db = await openFresh();
    await appendReport(db, context(T0, OTHER), '住院', report({ status: '已满可登记等候', freeBeds: '0', waiting: '一至四周' }));
    await appendReport(db, context(T0), '住院', report({ status: '有空位', openBeds: '10', freeBeds: '3', expiryHours: '6' }));
    const home = checkReport('居家', (f) => ({ status: '紧张', area: '昌平区回龙观街道' })[f as 'status']);
    if (!home.ok) throw new Error('home');
    await appendReport(db, context(T0), '居家', home.report);
    // A sample institution never reports through the console; were a row there, the feed would still leave it out.
    await appendReport(db, context(T0, SAMPLE), '住院', report({ status: '有空位' }));

    const includes = feedIncludes(formReference());
    const feed = await availabilityFeed(db, at(7), includes);
    expect(feed.generatedAt).toBe(at(7).toISOString());
    expect(Object.keys(feed.institutions)).toEqual([OTHER, REAL]);
    expect(Object.keys(feed.institutions[REAL] ?? {})).toEqual(['住院', '居家']);
    expect(feed.institutions[REAL]?.住院).toEqual({
      mode: '住院',
      status: '有空位',
      openBeds: 10,
      freeBeds: 3,
      waiting: null,
      accepts: null,
      area: null,
      note: null,
      reportedAt: T0.toISOString(),
      expiresAt: at(6).toISOString(),
      fresh: false,
      shownStatus: '未知',
    });
    expect(feed.institutions[REAL]?.居家).toMatchObject({ fresh: true, shownStatus: '紧张', area: '昌平区回龙观街道' });
    expect(feed.institutions[OTHER]?.住院).toMatchObject({ fresh: true, shownStatus: '已满可登记等候', waiting: '一至四周' });
    expect(JSON.stringify(feed)).not.toContain('user-manager');
    expect(includes(SAMPLE)).toBe(false);
  });

  it('pages the history of one institution, newest first', async () => {
    const db = await openFresh();
    for (let i = 0; i < 5; i++) await appendReport(db, context(at(i)), '住院', report({ status: '紧张', freeBeds: String(i) }));
    await appendReport(db, context(at(9), OTHER), '住院', report({ status: '紧张' }));
    const first = await reportHistory(db, REAL, 1, 2);
    expect(first).toMatchObject({ total: 5, page: 1, pages: 3 });
    expect(first.rows.map((r) => r.freeBeds)).toEqual([4, 3]);
    expect((await reportHistory(db, REAL, 3, 2)).rows.map((r) => r.freeBeds)).toEqual([0]);
    // A page past the end shows the last one.
    expect((await reportHistory(db, REAL, 99, 2)).page).toBe(3);
    expect((await reportHistory(db, 'bj-nobody', 1, 2)).total).toBe(0);
  });

  it('keeps the ETag while nothing changes, on both nodes; changes it on a new report and at an expiry; answers 304 and HEAD', async () => {
    const fresh = await freshDatabase();
    const [nodeA, nodeB] = [await fresh.open(), await fresh.open()];
    const sourceA = feedSource(() => true);
    const sourceB = feedSource(() => true);
    await appendReport(nodeA, context(T0), '住院', report({ status: '有空位', openBeds: '10', freeBeds: '3' }));
    const a1 = await sourceA(nodeA, at(1));
    const b1 = await sourceB(nodeB, at(1.5));
    expect(b1.etag).toBe(a1.etag);
    expect(JSON.parse(b1.body)).toMatchObject({ generatedAt: at(1.5).toISOString(), institutions: { [REAL]: { 住院: { fresh: true } } } });
    // A confirmation on node B changes the feed on node A at once.
    await confirmReports(nodeB, context(at(2)), ['住院']);
    const a2 = await sourceA(nodeA, at(2));
    expect(a2.etag).not.toBe(a1.etag);
    // Its expiry (26 h) changes it again, with no new row.
    expect((await sourceA(nodeA, at(25.9))).etag).toBe(a2.etag);
    const expired = await sourceA(nodeA, at(26));
    expect(expired.etag).not.toBe(a2.etag);
    expect(JSON.parse(expired.body)).toMatchObject({ institutions: { [REAL]: { 住院: { fresh: false, shownStatus: '未知' } } } });

    // One institution alone: the same shape, its own ETag; an institution that never reported: none.
    const parse = (body: string) => JSON.parse(body) as AvailabilityFeed;
    const one = await sourceA(nodeA, at(26), REAL);
    expect(JSON.parse(one.body)).toEqual({
      generatedAt: at(26).toISOString(),
      institutions: { [REAL]: parse(expired.body).institutions[REAL] },
    });
    // The only institution here: the same statuses, so the same validator.
    expect(one.etag).toBe(expired.etag);
    for (const nobody of ['bj-nobody', '__proto__', 'constructor'])
      expect(parse((await sourceA(nodeA, at(26), nobody)).body).institutions, nobody).toEqual({});

    const snapshot = () => sourceA(nodeA, at(26));
    const ok = await feedResponse(new Request('http://x/api/availability'), snapshot);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('public, max-age=60');
    expect(ok.headers.get('etag')).toBe(expired.etag);
    expect(ok.headers.get('content-encoding')).toBeNull();
    expect(await ok.text()).toBe(expired.body);
    // A browser that takes gzip gets the same text, compressed.
    const zipped = await feedResponse(new Request('http://x/api/availability', { headers: { 'Accept-Encoding': 'gzip, br' } }), snapshot);
    expect([zipped.headers.get('content-encoding'), zipped.headers.get('vary')]).toEqual(['gzip', 'Accept-Encoding']);
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(expired.body);
    const notModified = await feedResponse(
      new Request('http://x/api/availability', { headers: { 'If-None-Match': `"other", ${expired.etag}` } }),
      snapshot,
    );
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    const head = await feedResponse(new Request('http://x/api/availability', { method: 'HEAD' }), snapshot);
    expect([head.status, head.headers.get('etag'), await head.text()]).toEqual([200, expired.etag, '']);
    const post = await feedResponse(new Request('http://x/api/availability', { method: 'POST', body: '{}' }), snapshot);
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('sees a row committed late with an id below one already seen, and one that replaces nothing newer', async () => {
    const db = await openFresh();
    const source = feedSource(() => true);
    const row = (id: number, institution: string, status: string, hours: number) => ({
      id,
      institution,
      mode: '住院',
      status,
      open_beds: null,
      free_beds: null,
      waiting: null,
      accepts: null,
      area: null,
      note: null,
      reported_at: at(hours).toISOString(),
      expires_at: at(hours + 24).toISOString(),
      reported_by: 'x',
    });
    await db.kysely
      .insertInto('availability_reports')
      .values([row(10, REAL, '紧张', 0), row(12, OTHER, '紧张', 0)])
      .execute();
    const first = await source(db, at(1));
    // Id 11 was handed out before 12 but committed after the feed was made (possible on PostgreSQL).
    await db.kysely
      .insertInto('availability_reports')
      .values(row(11, REAL, '有空位', 0.5))
      .execute();
    const second = await source(db, at(1));
    expect(second.etag).not.toBe(first.etag);
    expect((JSON.parse(second.body) as AvailabilityFeed).institutions[REAL]?.住院?.status).toBe('有空位');
    // An older row arriving late (id 9) does not replace the newer current one.
    await db.kysely
      .insertInto('availability_reports')
      .values(row(9, REAL, '暂停接收', -5))
      .execute();
    const third = await source(db, at(1));
    expect(third.etag).toBe(second.etag);
    expect(JSON.parse(third.body)).toEqual(await availabilityFeed(db, at(1), () => true));
  });

  describe('the console screen', () => {
    const reference = formReference();
    const real = reference.institutionById.get(REAL) as InstitutionInfo;
    const manager: StaffPrincipal = {
      userId: 'user-manager',
      username: 'm',
      displayName: '经理',
      grants: [{ role: 'manager', institution: REAL }],
      twoFactorEnabled: false,
    };
    const post = (fields: Record<string, string>) => new URLSearchParams(fields);

    it('offers real institutions to their people and to commission staff of the region, samples to nobody', () => {
      expect(real.careModes).toEqual(['住院', '居家']);
      expect(takesReports(real)).toBe(true);
      expect(takesReports(reference.institutions.find((i) => i.sample) as InstitutionInfo)).toBe(false);
      expect(availabilityInstitutions(manager, reference).map((i) => i.id)).toEqual([REAL]);
      const commission: StaffPrincipal = { ...manager, grants: [{ role: 'commission', region: '110000' }] };
      const listed = availabilityInstitutions(commission, reference);
      expect(listed.map((i) => i.id)).toContain(REAL);
      expect(listed.every((i) => i.regionCode.startsWith('11'))).toBe(true);
    });

    it('reports, refuses a bad report with a message per field, confirms one mode or every fresh one', async () => {
      const db = await openFresh();
      const bad = await availabilityAction(
        db,
        manager,
        real,
        post({ action: 'report', mode: '住院', status: '有空位', openBeds: '2', freeBeds: '3', expiryHours: '100' }),
        T0,
      );
      expect(bad).toEqual({
        kind: 'invalid',
        mode: '住院',
        errors: { freeBeds: 'availabilityForm.error.freeAboveOpen', expiryHours: 'availabilityForm.error.expiryHours' },
        values: { status: '有空位', openBeds: '2', freeBeds: '3', expiryHours: '100' },
      });
      // A mode the institution does not offer is not taken.
      expect(await availabilityAction(db, manager, real, post({ action: 'report', mode: '门诊', status: '有空位' }), T0)).toEqual({
        kind: 'nothing',
      });

      const ward = await availabilityAction(
        db,
        manager,
        real,
        post({ action: 'report', mode: '住院', status: '有空位', openBeds: '10', freeBeds: '3' }),
        T0,
      );
      expect(ward).toMatchObject({ kind: 'reported', report: { mode: '住院', freeBeds: 3 } });
      await availabilityAction(
        db,
        manager,
        real,
        post({ action: 'report', mode: '居家', status: '紧张', area: '回龙观', expiryHours: '2' }),
        T0,
      );
      // Three hours on, home care has expired: "全部仍然如此" confirms only the ward, which is still fresh.
      const all = await availabilityAction(db, manager, real, post({ action: 'confirm-all' }), at(3));
      expect(all.kind === 'confirmed' && all.reports.map((r) => r.mode)).toEqual(['住院']);
      const one = await availabilityAction(db, manager, real, post({ action: 'confirm', mode: '居家' }), at(3));
      expect(one).toMatchObject({ kind: 'confirmed', reports: [{ mode: '居家', area: '回龙观', expiresAt: at(5).toISOString() }] });
      const current = await currentReports(db, [REAL]);
      expect([...(current.get(REAL)?.values() ?? [])].map((r) => [r.mode, r.kind, r.reportedAt])).toEqual([
        ['住院', 'confirm', at(3).toISOString()],
        ['居家', 'confirm', at(3).toISOString()],
      ]);
    });

    it('takes nothing for a sample institution', async () => {
      const db = await openFresh();
      const sample = reference.institutions.find((i) => i.sample) as InstitutionInfo;
      const outcome = await availabilityAction(db, manager, sample, post({ action: 'report', mode: '住院', status: '有空位' }), T0);
      expect(outcome).toEqual({ kind: 'nothing' });
      expect(await currentReports(db)).toEqual(new Map());
    });
  });
});

describe('If-None-Match', () => {
  it('compares weakly and takes lists and *', () => {
    expect(matchesEtag('W/"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEtag('"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEtag('"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEtag('*', 'W/"abc"')).toBe(true);
    expect(matchesEtag('"abd"', 'W/"abc"')).toBe(false);
    expect(matchesEtag(null, 'W/"abc"')).toBe(false);
  });
});
