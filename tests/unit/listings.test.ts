/**
 * Listings kept true: the form read into a record, the rules of who may do what, the
 * registry's own checks on a proposal, the proposals' states on both engines, a publish
 * run whose build fails (everything put back), and the patch export applied by git.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { institutionSchema, type Institution } from '../../src/schemas/institution.ts';
import { fieldOfProblem, formValues, readListingForm, field } from '../../src/lib/listings/record-form.ts';
import { listingChanges } from '../../src/lib/listings/describe.ts';
import { mayDecide, mayPropose, mayReview } from '../../src/lib/listings/rules.ts';
import { withApproval } from '../../src/server/listings/console.ts';
import { checkProposedRecord } from '../../src/server/listings/validate.ts';
import { approveProposal, findProposal, propose, rejectProposal, retryProposal } from '../../src/server/listings/proposals.ts';
import { runQueuedPublish, type PublishConfig } from '../../src/server/listings/publish.ts';
import { proposalPatch } from '../../src/server/listings/patch.ts';
import { formatInstitutionJson } from '../../src/schemas/institution.ts';
import { forEachEngine } from '../helpers/engines.ts';
import { findEventChange, saveEventChange } from '../../src/server/events/changes.ts';

const HAIDIAN = 'bj-haidian-hospital';
const original = (): Institution =>
  institutionSchema.parse(JSON.parse(readFileSync(`content/institutions/beijing/${HAIDIAN}.json`, 'utf8')));

/** A posted form: the record's own values, with some set anew. */
function formOf(record: Institution, changes: Record<string, string | string[] | null>): URLSearchParams {
  const values = formValues(record);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) values.delete(name);
    else values.set(name, Array.isArray(value) ? value : [value]);
  }
  const form = new URLSearchParams();
  for (const [name, list] of values) for (const v of list) form.append(name, v);
  return form;
}

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
/** A copy of the shipped registry to write into. */
function registryCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'listings-registry-'));
  temps.push(dir);
  cpSync('content/institutions', dir, { recursive: true });
  return dir;
}

describe('the listing form', () => {
  it('reads a switchboard number and an exact position over the current record, keeping what the form does not carry', () => {
    const base = original();
    const read = readListingForm(
      formOf(base, {
        [field.phoneLabel(0)]: '总机',
        [field.phoneNumber(0)]: '010-82619999',
        [field.lat]: '39.9591',
        [field.lng]: '116.2995',
        [field.address]: '海淀区中关村大街29号',
      }),
      base,
      false,
    );
    expect(read.errors).toEqual({});
    expect(read.record.contact?.phones).toEqual([{ label: '总机', number: '010-82619999' }]);
    expect(read.record.location).toEqual({ lat: 39.9591, lng: 116.2995, precision: 'exact' });
    expect(read.record.address).toBe('海淀区中关村大街29号');
    expect(read.record.aliases).toEqual(base.aliases);
    expect(read.record.name).toBe(base.name);
    expect(read.record.services.map((s) => s.mode)).toEqual(base.services.map((s) => s.mode));
  });

  it('adds and removes care modes and says what it cannot read, beside the field', () => {
    const base = original();
    const read = readListingForm(
      formOf(base, {
        [field.offered('住院')]: null,
        [field.offered('居家')]: 'on',
        [field.homeTypes]: '巡诊',
        [field.beds]: '二十',
        [field.lat]: '39.9',
      }),
      base,
      false,
    );
    expect(read.record.services.map((s) => s.mode)).toEqual(['居家']);
    expect(read.record.services[0]?.homeCare).toEqual({ types: ['巡诊'] });
    expect(read.errors[field.beds]).toMatch(/整数/);
    expect(read.errors[field.lng]).toMatch(/纬度和经度/);
  });

  it('puts a registry problem back on the field it concerns', () => {
    const base = original();
    expect(fieldOfProblem(['contact', 'phones', 1, 'number'], base)).toBe(field.phoneNumber(1));
    expect(fieldOfProblem(['services', 0, 'hours'], base)).toBe(field.serviceText('住院', 'hours'));
    expect(fieldOfProblem(['location'], base)).toBe(field.lat);
    expect(fieldOfProblem(['provenance', 'verifiedAt'], base)).toBeUndefined();
  });

  it('shows a reviewer only what changed', () => {
    const base = original();
    const after = { ...base, contact: { phones: [{ number: '010-82619999' }] } };
    const changed = listingChanges(base, after, (c) => c).filter((c) => c.changed);
    expect(changed).toEqual([{ label: '电话', before: '', after: '010-82619999', changed: true }]);
  });
});

describe('who may do what', () => {
  const manager = [{ role: 'manager', institution: HAIDIAN }] as const;
  const staff = [{ role: 'staff', institution: HAIDIAN }] as const;
  const haidian = [{ role: 'commission', region: '110108' }] as const;
  const dongcheng = [{ role: 'commission', region: '110101' }] as const;
  it('managers propose, staff do not; the district commission reviews, another district does not', () => {
    expect(mayPropose(manager, HAIDIAN, '110108')).toBe(true);
    expect(mayPropose(staff, HAIDIAN, '110108')).toBe(false);
    expect(mayReview(haidian, '110108')).toBe(true);
    expect(mayReview(dongcheng, '110108')).toBe(false);
    expect(mayReview(manager, '110108')).toBe(false);
  });
  it('nobody decides on their own proposal', () => {
    expect(mayDecide(haidian, 'u1', { county: '110108', proposedBy: 'u1' })).toBe(false);
    expect(mayDecide(haidian, 'u2', { county: '110108', proposedBy: 'u1' })).toBe(true);
  });
});

describe('the registry checks on a proposal', () => {
  it('pass for a good change and name file, record and field for a bad one, as the build would', () => {
    const dir = registryCopy();
    const good = withApproval(
      { ...original(), contact: { phones: [{ label: '总机', number: '010-82619999' }] } },
      { body: '北京市海淀区卫生健康委员会', username: 'r' },
      '2026-12-03',
    );
    expect(checkProposedRecord(good, '2026-12-03', dir).lines).toEqual([]);
    const outside = { ...good, location: { lat: 31.2, lng: 121.5, precision: 'exact' as const } };
    const lines = checkProposedRecord(outside, '2026-12-03', dir).lines;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`beijing/${HAIDIAN}\\.json: ${HAIDIAN}: location: 坐标.*不在北京市范围内`));
  });
  it('records who approved it, when, and the former source', () => {
    const approved = withApproval(original(), { body: '北京市海淀区卫生健康委员会', username: 'reviewer1' }, '2026-12-03');
    expect(approved.provenance).toMatchObject({
      kind: 'institution',
      verifiedAt: '2026-12-03',
      approvedBy: '北京市海淀区卫生健康委员会（账号 reviewer1）',
    });
    expect(approved.provenance.source).toBe('北京市海淀医院提供，经北京市海淀区卫生健康委员会审核');
    expect(approved.provenance.note).toMatch(/^此前来源：/);
  });
});

describe('the patch export', () => {
  it('applies with git to a copy of the registry', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'listings-git-'));
    temps.push(repo);
    const file = `content/institutions/beijing/${HAIDIAN}.json`;
    const base = readFileSync(file, 'utf8');
    mkdirSync(path.join(repo, 'content/institutions/beijing'), { recursive: true });
    writeFileSync(path.join(repo, file), base);
    const approved = formatInstitutionJson({ ...original(), contact: { phones: [{ number: '010-82619999' }] } });
    const patch = proposalPatch(
      { id: 1, institution: HAIDIAN, county: '110108', kind: 'change', base, proposed: approved, approved } as Parameters<
        typeof proposalPatch
      >[0],
      file,
    );
    writeFileSync(path.join(repo, 'change.patch'), patch);
    execFileSync('git', ['init', '-q'], { cwd: repo });
    execFileSync('git', ['apply', 'change.patch'], { cwd: repo });
    expect(readFileSync(path.join(repo, file), 'utf8')).toBe(approved);
  });
});

forEachEngine((engine, { openFresh }) => {
  const now = new Date('2026-12-03T02:00:00Z');
  const proposal = (record: Institution) => ({
    institution: HAIDIAN,
    county: '110108',
    kind: 'change' as const,
    base: readFileSync(`content/institutions/beijing/${HAIDIAN}.json`, 'utf8'),
    proposed: formatInstitutionJson(record),
    message: '更新总机',
    actor: 'manager-1',
    now,
  });

  it(`${engine}: a new proposal replaces a pending one, and none is taken while one waits to be published`, async () => {
    const db = await openFresh();
    const first = await propose(db, proposal(original()));
    const second = await propose(db, proposal(original()));
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.replaced).toBe(1);
    expect((await findProposal(db, first.id))?.status).toBe('withdrawn');
    expect(
      await approveProposal(db, { id: second.id, actor: 'reviewer-1', now, approved: proposal(original()).proposed, county: '110108' }),
    ).toBe(true);
    expect(await approveProposal(db, { id: second.id, actor: 'reviewer-2', now, approved: '', county: '110108' })).toBe(false);
    expect(await rejectProposal(db, { id: second.id, actor: 'reviewer-2', now, reason: 'x', county: '110108' })).toBe(false);
    expect(await propose(db, proposal(original()))).toEqual({ ok: false, reason: 'publishing' });
    const runs = await db.kysely.selectFrom('publish_runs').selectAll().execute();
    expect(runs.map((r) => r.status)).toEqual(['queued']);
    const audit = await db.kysely.selectFrom('audit_log').select(['action', 'target_ref']).where('action', 'like', 'listing.%').execute();
    expect(audit.map((a) => a.action)).toEqual(['listing.proposed', 'listing.proposed', 'listing.approved']);
  });

  it(`${engine}: a publish whose build fails puts the file back, leaves no build, and tells the reviewer why`, async () => {
    const db = await openFresh();
    const dir = registryCopy();
    const file = path.join(dir, 'beijing', `${HAIDIAN}.json`);
    const before = readFileSync(file, 'utf8');
    const changed = withApproval(
      { ...original(), contact: { phones: [{ number: '010-82619999' }] } },
      { body: '北京市海淀区卫生健康委员会', username: 'r' },
      '2026-12-03',
    );
    const made = await propose(db, proposal(changed));
    if (!made.ok) throw new Error('not proposed');
    await approveProposal(db, { id: made.id, actor: 'reviewer-1', now, approved: formatInstitutionJson(changed), county: '110108' });
    // A project folder without Astro: the build cannot even start.
    const root = mkdtempSync(path.join(tmpdir(), 'listings-root-'));
    temps.push(root);
    // An event made in the console goes out with the same run (and fails with it).
    const eventsDir = mkdtempSync(path.join(tmpdir(), 'listings-events-'));
    temps.push(eventsDir);
    cpSync('content/events', eventsDir, { recursive: true });
    const event = {
      ...(JSON.parse(readFileSync('content/events/2026-04-03-xicheng-qingming-death-cafe.json', 'utf8')) as Record<string, unknown>),
      id: '2026-04-03-test-console-event',
    };
    const saved = await saveEventChange(db, {
      eventId: event.id,
      county: '110102',
      institution: null,
      base: null,
      proposed: JSON.stringify(event),
      review: false,
      actor: 'manager-1',
      now,
    });
    if (!saved.ok) throw new Error('event not saved');
    const config: PublishConfig = {
      root,
      registryDir: dir,
      eventsDir,
      buildsDir: path.join(root, 'builds'),
      buildTimeoutMs: 60_000,
      node: 'test:1',
    };
    const outcome = await runQueuedPublish(db, config, () => now);
    expect(outcome.kind).toBe('failed');
    expect(readFileSync(file, 'utf8')).toBe(before);
    const stored = await findProposal(db, made.id);
    expect(stored?.status).toBe('failed');
    expect(stored?.failure).toMatch(/网站构建没有成功，现在的网站保持不变/);
    // The event change says so too (it used to stay 正在发布 for ever, which also barred any later edit of the event).
    const change = await findEventChange(db, saved.id);
    expect(change?.status).toBe('failed');
    expect(change?.failure).toMatch(/现在的网站保持不变/);
    expect(existsSync(path.join(eventsDir, `${event.id}.json`))).toBe(false);
    expect(
      (
        await saveEventChange(db, {
          eventId: event.id,
          county: '110102',
          institution: null,
          base: null,
          proposed: JSON.stringify(event),
          review: true,
          actor: 'manager-1',
          now,
        })
      ).ok,
    ).toBe(true);
    expect(await runQueuedPublish(db, config, () => now)).toEqual({ kind: 'idle' });
    expect(await retryProposal(db, { id: made.id, actor: 'reviewer-1', now, county: '110108' })).toBe(true);
    expect((await findProposal(db, made.id))?.status).toBe('approved');
    const runs = await db.kysely.selectFrom('publish_runs').select('status').orderBy('id').execute();
    expect(runs.map((r) => r.status)).toEqual(['failed', 'queued']);
  });
});
