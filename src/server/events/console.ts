/**
 * The console's side of events: where the event files are, who may make or edit which
 * event, whether it needs the region's commission, and saving a form as a change checked
 * with the event files' own rules (the build's). Storage is changes.ts.
 *
 * Who: an institution's managers and staff make and edit events their institution
 * organises, and commission staff those in their region; both publish without review.
 * An event organised by a school, community or group that is not in the registry waits for
 * the commission of its county when institution staff enter it (as an application to be
 * listed does); commission staff's own go straight out.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eventSchema, formatEventFile, type EventRecord } from '../../schemas/event.ts';
import { formReference } from '../../lib/forms/reference-data.ts';
import { eventFieldOfProblem, readEventForm, type EventFormErrors, type EventReadForm } from '../../lib/events/event-form.ts';
import { readEventEntries } from '../../lib/events/load.ts';
import { validateEvents, type EventRules } from '../../lib/events/validate.ts';
import { formatProblem } from '../../lib/registry/errors.ts';
import { displayPath, todayInChina } from '../../lib/registry/load.ts';
import { institutionSchema } from '../../schemas/institution.ts';
import { registryRegions } from '../listings/registry-files.ts';
import { registryOnDisk, type RegistryOnDisk } from '../listings/validate.ts';
import { mayActFor, ownInstitutions, ownRegions, withinRegion, type StaffPrincipal } from '../../lib/network/roles.ts';
import type { Conn } from '../db/transaction.ts';
import { saveEventChange } from './changes.ts';

/** The events folder on this node's disk (EVENTS_DIR for tests; content/events). */
export function eventsFolder(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env['EVENTS_DIR'] ?? 'content/events');
}

export function eventFile(id: string, dir = eventsFolder()): string {
  return path.join(dir, `${id}.json`);
}

/** An event as it is on disk now (text and record); undefined when missing or unreadable. */
export function readEventOnDisk(id: string, dir = eventsFolder()): { text: string; event: EventRecord } | undefined {
  const file = eventFile(id, dir);
  if (!/^[a-z0-9-]+$/.test(id) || !existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  try {
    const parsed = eventSchema.safeParse(JSON.parse(text));
    return parsed.success ? { text, event: parsed.data } : undefined;
  } catch {
    return undefined;
  }
}

const rulesMemo = new WeakMap<RegistryOnDisk, EventRules>();

/**
 * The rules' view of the registry, from the files on disk (not the build's bundled copy):
 * the publisher runs this outside the built site, and an institution listed since the last
 * build may organise events too. Read again only when a registry file changes.
 */
function rules(): EventRules {
  const registry = registryOnDisk();
  let hit = rulesMemo.get(registry);
  if (hit === undefined) {
    const institutions = new Map<string, { sample: boolean; regionCode: string }>();
    for (const entry of registry.entries) {
      const parsed = institutionSchema.safeParse(entry.data);
      if (parsed.success)
        institutions.set(parsed.data.id, { sample: parsed.data.provenance.kind === 'sample', regionCode: parsed.data.regionCode });
    }
    hit = { regions: registryRegions(), institutions };
    rulesMemo.set(registry, hit);
  }
  return hit;
}

/** The event files' own checks on `event` in its place among the others on disk, one line each. */
export function checkEvent(
  event: EventRecord,
  dir = eventsFolder(),
): { problems: ReturnType<typeof validateEvents>['errors']; lines: string[] } {
  const shown = displayPath(eventFile(event.id, dir));
  const { entries, unreadable } = readEventEntries(dir);
  const result = validateEvents([...entries.filter((e) => e.file !== shown), { file: shown, data: event }], rules());
  const problems = [...unreadable, ...result.errors.filter((p) => p.file === shown)];
  return { problems, lines: problems.map(formatProblem) };
}

/** Whether the person may edit this event (its institution's people, the commission of its county). */
export function mayEditEvent(principal: StaffPrincipal, event: Pick<EventRecord, 'organiser' | 'place' | 'sample'>): boolean {
  if (event.sample) return false;
  if ('institution' in event.organiser) {
    const info = formReference().institutionById.get(event.organiser.institution);
    return info !== undefined && mayActFor(principal.grants, info.id, info.regionCode);
  }
  return ownRegions(principal.grants).some((r) => withinRegion(event.place.county, r));
}

/** Whether a change by this person waits for the county's commission: an unlisted organiser, entered by institution staff. */
export function needsReview(principal: StaffPrincipal, event: Pick<EventRecord, 'organiser' | 'place'>): boolean {
  if (ownRegions(principal.grants).some((r) => withinRegion(event.place.county, r))) return false;
  if ('institution' in event.organiser) return false;
  return true;
}

/** The institutions this person may name as organiser: those they serve (real ones), then those of their regions. */
export function organiserChoices(principal: StaffPrincipal): { id: string; name: string; county: string }[] {
  const reference = formReference();
  const own = new Set(ownInstitutions(principal.grants));
  const regions = ownRegions(principal.grants);
  return reference.institutions
    .filter((i) => !i.sample && (own.has(i.id) || regions.some((r) => withinRegion(i.regionCode, r))))
    .sort((a, b) => Number(own.has(b.id)) - Number(own.has(a.id)))
    .map((i) => ({ id: i.id, name: i.name, county: i.regionCode }));
}

/** A new event's id: its start date, a word for the organiser, and random letters. */
function newEventId(date: string, organiser: EventRecord['organiser']): string {
  const word = 'institution' in organiser ? organiser.institution.replace(/^(bj|zj)-/, '') : 'community';
  return `${date}-${word}-${randomBytes(3).toString('hex')}`;
}

export type SaveEventResult =
  | { readonly kind: 'saved'; readonly id: number; readonly review: boolean; readonly eventId: string }
  | { readonly kind: 'invalid'; readonly errors: EventFormErrors; readonly lines: readonly string[] }
  | { readonly kind: 'busy' }
  | { readonly kind: 'refused' };

/** Carries out a post of the event form: a new event (existing undefined) or an edit. */
export async function saveEventForm(
  db: Conn,
  principal: StaffPrincipal,
  form: EventReadForm,
  existing: { text: string; event: EventRecord } | undefined,
  now: Date,
): Promise<SaveEventResult> {
  const today = todayInChina(now);
  const shell: EventRecord = existing?.event ?? {
    id: 'pending',
    title: '',
    summary: '',
    description: '',
    kind: '讲座',
    reach: '进社区',
    audience: [],
    start: '',
    end: '',
    status: '如期举行',
    place: { county: '', online: false },
    organiser: { name: '', type: '其他' },
    cost: '免费',
    takePart: { open: '直接到场' },
    sequence: 0,
    updatedAt: today,
    sample: false,
    provenance: { kind: 'institution', source: '在工作台发布', verifiedAt: today },
  };
  const read = readEventForm(form, shell, today);
  const event = read.event;
  const organiserOk =
    'institution' in event.organiser
      ? organiserChoices(principal).some((c) => c.id === (event.organiser as { institution: string }).institution)
      : true;
  if (!organiserOk) read.errors['organiser'] = '只能选择您所在或负责地区的机构作为主办方';
  if (existing === undefined) {
    event.id = newEventId(event.start.slice(0, 10), event.organiser);
  } else {
    event.sequence = existing.event.sequence + 1;
  }
  const organiserName =
    'institution' in event.organiser
      ? (formReference().institutionById.get(event.organiser.institution)?.name ?? '')
      : event.organiser.name;
  event.provenance = { kind: 'institution', source: `${organiserName}在工作台发布`, verifiedAt: today };
  if (
    !mayEditEvent(principal, event) &&
    !(existing === undefined && !('institution' in event.organiser) && ownInstitutions(principal.grants).length > 0)
  ) {
    return { kind: 'refused' };
  }
  const errors: EventFormErrors = { ...read.errors };
  const lines: string[] = [];
  if (Object.keys(errors).length === 0) {
    const check = checkEvent(event);
    check.problems.forEach((p, i) => {
      const name = eventFieldOfProblem(p.pathParts);
      if (name !== undefined && errors[name] === undefined) errors[name] = p.message;
      else if (name === undefined) lines.push(check.lines[i] ?? p.message);
    });
  }
  if (Object.keys(errors).length > 0 || lines.length > 0) return { kind: 'invalid', errors, lines };
  const review = needsReview(principal, event);
  const saved = await saveEventChange(db, {
    eventId: event.id,
    county: event.place.county,
    institution: 'institution' in event.organiser ? event.organiser.institution : null,
    base: existing?.text ?? null,
    proposed: formatEventFile(event),
    review,
    actor: principal.userId,
    now,
  });
  return saved.ok ? { kind: 'saved', id: saved.id, review, eventId: event.id } : { kind: 'busy' };
}
