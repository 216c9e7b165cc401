/**
 * The listing form of the staff console: what a manager may change in their institution's
 * registry record (or fill in to apply to be listed), read from the posted form into a
 * whole record. Pure: the schema and the registry's cross-record rules then run on the
 * result (src/server/listings/validate.ts), exactly as the build runs them, and each
 * problem is put back beside the field it concerns (`fieldOfProblem`).
 *
 * What a manager edits: phones, website and booking channel, address and map position,
 * each care mode and what it offers (hours, eligibility, referral route, fees, payment,
 * home-care coverage), hospice beds, team, volunteer programme. The name, kind, grade,
 * ownership and county are set when an institution is first listed (an application) and
 * changed by the commission otherwise: they identify the record to families and to the
 * plans' counts. Designations, referral partners, aliases and the bed snapshot are kept
 * as they are.
 */
import type { Institution } from '../../schemas/institution.ts';
import { GRADES, OWNERSHIPS, TEAM_ROLES } from '../../schemas/institution.ts';
import { CARE_MODES, HOME_CARE_TYPES, INSTITUTION_KINDS, OFFERS, PAYMENTS } from '../../schemas/vocabularies.ts';
import type { CareMode } from '../../schemas/vocabularies.ts';
import type { Service } from '../../schemas/service.ts';

/** Phone rows on the form (the form has no script to add rows). */
export const PHONE_ROWS = 4;
/** Longest word to the reviewer. */
export const MAX_MESSAGE_LENGTH = 500;

/** Field-name slug of each care mode (ASCII, for ids and names). */
export const MODE_FIELD: Readonly<Record<CareMode, string>> = {
  住院: 'inpatient',
  门诊: 'outpatient',
  居家: 'home',
  会诊: 'consult',
  互联网: 'online',
};

export const SERVICE_TEXT_FIELDS = ['name', 'eligibility', 'referral', 'hours', 'fees'] as const;
export type ServiceTextField = (typeof SERVICE_TEXT_FIELDS)[number];

/** Form field names. */
export const field = {
  name: 'name',
  kind: 'kind',
  grade: 'grade',
  ownership: 'ownership',
  regionCode: 'regionCode',
  phoneLabel: (i: number) => `phone-${i}-label`,
  phoneNumber: (i: number) => `phone-${i}-number`,
  website: 'website',
  appointment: 'appointment',
  address: 'address',
  lat: 'lat',
  lng: 'lng',
  offered: (mode: CareMode) => `${MODE_FIELD[mode]}-offered`,
  serviceText: (mode: CareMode, f: ServiceTextField) => `${MODE_FIELD[mode]}-${f}`,
  offers: (mode: CareMode) => `${MODE_FIELD[mode]}-offers`,
  payment: (mode: CareMode) => `${MODE_FIELD[mode]}-payment`,
  homeTypes: 'home-types',
  homeCoverage: 'home-coverage',
  homeNote: 'home-note',
  beds: 'beds',
  team: 'team',
  volunteers: 'volunteers',
  volunteersNote: 'volunteers-note',
  volunteersContact: 'volunteers-contact',
  message: 'message',
} as const;

/** Field name → message, in Chinese, shown beside the field. */
export type FormErrors = Record<string, string>;

export interface ReadForm {
  get(name: string): string | null;
  getAll(name: string): string[];
}

const text = (form: ReadForm, name: string): string => (form.get(name) ?? '').trim();
const optional = (value: string): string | undefined => (value === '' ? undefined : value);

function pick<T extends string>(values: readonly string[], allowed: readonly T[]): T[] {
  return allowed.filter((a) => values.includes(a));
}

/** A decimal degree as typed, or the reason it is not one. */
function degree(value: string): number | string {
  if (!/^-?\d{1,3}(?:\.\d+)?$/.test(value)) return '请填写十进制的度数，例如 39.9042';
  return Number(value);
}

export interface FormResult {
  /** The record as the form describes it (still to be validated as a whole). */
  readonly record: Institution;
  /** What the form itself could not read (before the registry's rules run). */
  readonly errors: FormErrors;
  /** The proposer's word to the reviewer. */
  readonly message: string | undefined;
}

/**
 * Reads the posted form over `base` (the current record, or for an application a shell
 * with the id and provenance set by the caller). Fields the form does not carry stay as
 * they are in `base`.
 */
export function readListingForm(form: ReadForm, base: Institution, application: boolean): FormResult {
  const errors: FormErrors = {};
  const record: Institution = structuredClone(base);

  if (application) {
    record.name = text(form, field.name);
    const kind = text(form, field.kind);
    const grade = text(form, field.grade);
    const ownership = text(form, field.ownership);
    if (!(INSTITUTION_KINDS as readonly string[]).includes(kind)) errors[field.kind] = '请选择机构类型';
    else record.kind = kind as Institution['kind'];
    record.grade = (GRADES as readonly string[]).includes(grade) ? (grade as Institution['grade']) : '未知';
    record.ownership = (OWNERSHIPS as readonly string[]).includes(ownership) ? (ownership as Institution['ownership']) : '未知';
    record.regionCode = text(form, field.regionCode);
    if (record.regionCode === '') errors[field.regionCode] = '请选择所在区县';
  }

  // Contact.
  const phones: { label?: string; number: string }[] = [];
  for (let i = 0; i < PHONE_ROWS; i++) {
    const number = text(form, field.phoneNumber(i));
    const label = text(form, field.phoneLabel(i));
    if (number === '') {
      if (label !== '') errors[field.phoneNumber(i)] = `填写了“${label}”，请同时填写电话号码，或清空名称`;
      continue;
    }
    phones.push(label === '' ? { number } : { label, number });
  }
  const website = optional(text(form, field.website));
  const appointment = optional(text(form, field.appointment));
  if (phones.length === 0 && website === undefined && appointment === undefined) delete record.contact;
  else {
    record.contact = {};
    if (phones.length > 0) record.contact.phones = phones;
    if (website !== undefined) record.contact.website = website;
    if (appointment !== undefined) record.contact.appointment = appointment;
  }

  // Address and position: a position typed (or picked on the map) is the institution's own.
  record.address = optional(text(form, field.address)) ?? null;
  const lat = text(form, field.lat);
  const lng = text(form, field.lng);
  if (lat !== '' || lng !== '') {
    const la = degree(lat);
    const ln = degree(lng);
    if (typeof la === 'string') errors[field.lat] = lat === '' ? '请同时填写纬度和经度' : la;
    if (typeof ln === 'string') errors[field.lng] = lng === '' ? '请同时填写纬度和经度' : ln;
    if (typeof la === 'number' && typeof ln === 'number') record.location = { lat: la, lng: ln, precision: 'exact' };
  }

  // Services, in the record's order, new modes after.
  const byMode = new Map(base.services.map((s) => [s.mode, s]));
  const order = [...base.services.map((s) => s.mode), ...CARE_MODES.filter((m) => !byMode.has(m))];
  record.services = order.flatMap((mode): Service[] => {
    if (form.get(field.offered(mode)) === null) return [];
    const service: Service = { ...structuredClone(byMode.get(mode) ?? { mode, offers: [] }) };
    service.mode = mode;
    for (const f of SERVICE_TEXT_FIELDS) {
      const value = optional(text(form, field.serviceText(mode, f)));
      if (value === undefined) delete service[f];
      else service[f] = value;
    }
    service.offers = pick(form.getAll(field.offers(mode)), OFFERS);
    const payment = pick(form.getAll(field.payment(mode)), PAYMENTS);
    if (payment.length === 0) delete service.payment;
    else service.payment = payment;
    if (mode === '居家') {
      const types = pick(form.getAll(field.homeTypes), HOME_CARE_TYPES);
      const coverage = form.getAll(field.homeCoverage).filter((c) => /^\d{6}$/.test(c));
      const note = optional(text(form, field.homeNote));
      if (types.length === 0 && coverage.length === 0 && note === undefined) delete service.homeCare;
      else {
        service.homeCare = { types };
        if (coverage.length > 0) service.homeCare.coverage = [...new Set(coverage)];
        if (note !== undefined) service.homeCare.note = note;
      }
    }
    return [service];
  });

  // Beds: the hospice bed count; the availability snapshot is kept.
  const beds = text(form, field.beds);
  if (beds === '') {
    if (record.beds !== undefined) record.beds = { ...record.beds, hospice: null };
  } else if (!/^\d{1,5}$/.test(beds)) {
    errors[field.beds] = '床位数请填写整数，例如 20；不清楚时请留空';
  } else {
    record.beds = { ...record.beds, hospice: Number(beds) };
  }
  if (record.beds !== undefined && record.beds.hospice === null && record.beds.availability === undefined) delete record.beds;

  const team = pick(form.getAll(field.team), TEAM_ROLES);
  if (team.length === 0) delete record.team;
  else record.team = team;

  const volunteers = text(form, field.volunteers);
  if (volunteers === 'yes' || volunteers === 'no') {
    record.volunteers = { accepts: volunteers === 'yes' };
    const note = optional(text(form, field.volunteersNote));
    const contact = optional(text(form, field.volunteersContact));
    if (note !== undefined) record.volunteers.note = note;
    if (contact !== undefined) record.volunteers.contact = contact;
  } else delete record.volunteers;

  const message = optional(text(form, field.message));
  if (message !== undefined && [...message].length > MAX_MESSAGE_LENGTH) errors[field.message] = `说明请不超过 ${MAX_MESSAGE_LENGTH} 个字`;
  return { record, errors, message };
}

/** The form's values for a record: what the form shows before anything is posted. */
export function formValues(record: Institution): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) values.set(name, [value]);
  };
  set(field.name, record.name);
  set(field.kind, record.kind);
  set(field.grade, record.grade);
  set(field.ownership, record.ownership);
  set(field.regionCode, record.regionCode);
  record.contact?.phones?.forEach((p, i) => {
    set(field.phoneLabel(i), p.label);
    set(field.phoneNumber(i), p.number);
  });
  set(field.website, record.contact?.website);
  set(field.appointment, record.contact?.appointment);
  set(field.address, record.address ?? undefined);
  if (record.location.precision === 'exact') {
    set(field.lat, String(record.location.lat));
    set(field.lng, String(record.location.lng));
  }
  for (const service of record.services) {
    set(field.offered(service.mode), 'on');
    for (const f of SERVICE_TEXT_FIELDS) set(field.serviceText(service.mode, f), service[f]);
    values.set(field.offers(service.mode), [...service.offers]);
    values.set(field.payment(service.mode), [...(service.payment ?? [])]);
    if (service.homeCare !== undefined) {
      values.set(field.homeTypes, [...service.homeCare.types]);
      values.set(field.homeCoverage, [...(service.homeCare.coverage ?? [])]);
      set(field.homeNote, service.homeCare.note);
    }
  }
  if (record.beds?.hospice !== undefined && record.beds.hospice !== null) set(field.beds, String(record.beds.hospice));
  values.set(field.team, [...(record.team ?? [])]);
  if (record.volunteers !== undefined) {
    set(field.volunteers, record.volunteers.accepts ? 'yes' : 'no');
    set(field.volunteersNote, record.volunteers.note);
    set(field.volunteersContact, record.volunteers.contact);
  }
  return values;
}

/** What was posted, as the same map (a form that came back shows what was typed). */
export function postedValues(form: ReadForm, names: Iterable<string>): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const name of names) values.set(name, form.getAll(name));
  return values;
}

/** Every field name of the form (for postedValues). */
export function allFieldNames(): string[] {
  const names: string[] = [field.name, field.kind, field.grade, field.ownership, field.regionCode];
  for (let i = 0; i < PHONE_ROWS; i++) names.push(field.phoneLabel(i), field.phoneNumber(i));
  names.push(field.website, field.appointment, field.address, field.lat, field.lng);
  for (const mode of CARE_MODES) {
    names.push(field.offered(mode), field.offers(mode), field.payment(mode));
    for (const f of SERVICE_TEXT_FIELDS) names.push(field.serviceText(mode, f));
  }
  names.push(field.homeTypes, field.homeCoverage, field.homeNote, field.beds, field.team);
  names.push(field.volunteers, field.volunteersNote, field.volunteersContact, field.message);
  return names;
}

/**
 * The form field a registry problem concerns (its path in the record, as the registry's
 * validation reports it), or undefined when it concerns no one field (it is then listed
 * above the form).
 */
export function fieldOfProblem(path: readonly PropertyKey[], record: Institution): string | undefined {
  const [head, second, third, fourth] = path;
  switch (head) {
    case 'name':
    case 'kind':
    case 'grade':
    case 'ownership':
    case 'regionCode':
    case 'address':
      return field[head];
    case 'location':
      return second === 'lng' ? field.lng : field.lat;
    case 'contact':
      if (second === 'phones' && typeof third === 'number') return fourth === 'label' ? field.phoneLabel(third) : field.phoneNumber(third);
      if (second === 'website') return field.website;
      if (second === 'appointment') return field.appointment;
      return undefined;
    case 'services': {
      const mode = typeof second === 'number' ? record.services[second]?.mode : undefined;
      if (mode === undefined) return undefined;
      if (third === 'homeCare') return fourth === 'coverage' ? field.homeCoverage : fourth === 'note' ? field.homeNote : field.homeTypes;
      if (third === 'offers') return field.offers(mode);
      if (third === 'payment') return field.payment(mode);
      if (typeof third === 'string' && (SERVICE_TEXT_FIELDS as readonly string[]).includes(third)) {
        return field.serviceText(mode, third as ServiceTextField);
      }
      return field.offered(mode);
    }
    case 'beds':
      return field.beds;
    case 'team':
      return field.team;
    case 'volunteers':
      return second === 'note' ? field.volunteersNote : second === 'contact' ? field.volunteersContact : field.volunteers;
    default:
      return undefined;
  }
}
