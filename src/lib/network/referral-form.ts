/**
 * The new-referral form of the console, checked without a database: what a referring team
 * sends (routing, urgency, reason, the minimal clinical summary, awareness and consent,
 * the patient's contact details, the referrer's contact). Each field's problem comes back
 * as a Chinese sentence for the page to put beside the field; everything typed is kept.
 *
 * Patient details are the minimum a receiving team needs to call and plan a visit: name,
 * a contact phone and whose it is, age band, county and street. No identity-card, medical
 * record or insurance numbers: the receiving team takes its own record when it meets the
 * patient (docs/staff.md, "转介").
 */
import { t } from '../../i18n/index.ts';
import { MOBILE_PATTERN, normalizeMobile } from '../../schemas/form-fields.ts';
import {
  AGE_BANDS,
  AWARENESS,
  chinaDate,
  CONSENT_BY,
  DIAGNOSIS_GROUPS,
  PATIENT_AGREEMENT,
  isDirection,
  KPS_SCORES,
  PHASES,
  SYMPTOMS,
  URGENCIES,
  validDate,
  type Direction,
  type Symptom,
  type Urgency,
} from './referral.ts';

export const CONTACT_OF = ['患者本人', '家属'] as const;

export const LIMITS = { name: 20, street: 50, reason: 500, allergies: 100, referrerContact: 60, comment: 500 } as const;

/** Who the patient is, as far as the receiving team needs to reach them. Sealed at rest. */
export interface PatientDetails {
  readonly name: string;
  /** 11-digit mainland mobile. */
  readonly phone: string;
  readonly phoneOf: (typeof CONTACT_OF)[number];
  readonly ageBand: (typeof AGE_BANDS)[number];
  /** County code (GB/T 2260). */
  readonly county: string;
  readonly street: string;
}

/** The minimal clinical summary. Sealed at rest. */
export interface ClinicalSummary {
  readonly diagnosisGroup: (typeof DIAGNOSIS_GROUPS)[number];
  readonly phase: (typeof PHASES)[number];
  /** Karnofsky, 0–100 by 10. */
  readonly kps: number;
  /** Only the symptoms that were scored. */
  readonly symptoms: Partial<Record<Symptom, number>>;
  readonly allergies: string;
  readonly patientAware: (typeof AWARENESS)[number];
  readonly familyAware: (typeof AWARENESS)[number];
  readonly patientAgrees: (typeof PATIENT_AGREEMENT)[number];
}

/** A checked new referral (the destination is resolved by the caller: one institution or a district's). */
export interface ReferralDraft {
  readonly direction: Direction;
  readonly urgency: Urgency;
  readonly reason: string;
  readonly patient: PatientDetails;
  readonly clinical: ClinicalSummary;
  /** Who consented to sharing these details with the destination, and on which day (YYYY-MM-DD). */
  readonly consentBy: (typeof CONSENT_BY)[number];
  readonly consentDate: string;
  /** The referring team's contact: a name and a phone, in words. */
  readonly referrerContact: string;
}

/** Form field names; symptoms are `symptom-<index>`. */
export const FIELDS = [
  'direction',
  'urgency',
  'reason',
  'patientName',
  'phone',
  'phoneOf',
  'ageBand',
  'county',
  'street',
  'diagnosisGroup',
  'phase',
  'kps',
  'symptoms',
  'allergies',
  'patientAware',
  'familyAware',
  'patientAgrees',
  'consentBy',
  'consentDate',
  'consent',
  'referrerContact',
] as const;
export type Field = (typeof FIELDS)[number];

export const symptomField = (i: number) => `symptom-${i}`;

export type DraftCheck =
  { readonly ok: true; readonly draft: ReferralDraft } | { readonly ok: false; readonly errors: Partial<Record<Field, string>> };

// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole job
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- single-line fields: no line breaks either
const LINE_CONTROL = /[\u0000-\u001f\u007f]/;

const length = (text: string) => [...text].length;

/** Free text of at most `max` characters; `multiline` allows line breaks. */
function text(value: string | null, max: number, multiline: boolean): string | { error: string } {
  const v = (value ?? '').replace(/\r\n?/g, '\n').normalize('NFC').trim();
  if ((multiline ? CONTROL : LINE_CONTROL).test(v)) return { error: t('referral.error.text') };
  if (length(v) > max) return { error: t('referral.error.tooLong', { max }) };
  return v;
}

function pick<T extends string>(list: readonly T[], value: string | null): T | undefined {
  const v = (value ?? '').trim();
  return list.find((item) => item === v);
}

/**
 * Checks the posted fields. `isCounty` says whether a code is a known county; `now` is the
 * request's time (the consent date may not lie in the future).
 */
export function checkDraft(get: (field: string) => string | null, isCounty: (code: string) => boolean, now: Date): DraftCheck {
  const errors: Partial<Record<Field, string>> = {};
  const need = (field: Field) => (errors[field] = t('referral.error.choose'));
  const typed = (field: Field, max: number, required: boolean, multiline = false): string => {
    const value = text(get(field), max, multiline);
    if (typeof value !== 'string') errors[field] = value.error;
    else if (required && value === '') errors[field] = t('referral.error.required');
    return typeof value === 'string' ? value : '';
  };

  const direction = get('direction');
  if (!isDirection(direction)) need('direction');
  const urgency = pick(URGENCIES, get('urgency'));
  if (urgency === undefined) need('urgency');
  const reason = typed('reason', LIMITS.reason, true, true);

  const name = typed('patientName', LIMITS.name, true);
  const phone = normalizeMobile((get('phone') ?? '').normalize('NFKC'));
  if (!MOBILE_PATTERN.test(phone)) errors.phone = t('referral.error.phone');
  const phoneOf = pick(CONTACT_OF, get('phoneOf'));
  if (phoneOf === undefined) need('phoneOf');
  const ageBand = pick(AGE_BANDS, get('ageBand'));
  if (ageBand === undefined) need('ageBand');
  const county = (get('county') ?? '').trim();
  if (!isCounty(county)) need('county');
  const street = typed('street', LIMITS.street, true);

  const diagnosisGroup = pick(DIAGNOSIS_GROUPS, get('diagnosisGroup'));
  if (diagnosisGroup === undefined) need('diagnosisGroup');
  const phase = pick(PHASES, get('phase'));
  if (phase === undefined) need('phase');
  const kpsText = (get('kps') ?? '').trim();
  const kps = KPS_SCORES.find((k) => String(k) === kpsText);
  if (kps === undefined) need('kps');
  const symptoms: Partial<Record<Symptom, number>> = {};
  SYMPTOMS.forEach((symptom, i) => {
    const v = (get(symptomField(i)) ?? '').normalize('NFKC').trim();
    if (v === '') return;
    if (!/^\d{1,2}$/.test(v) || Number(v) > 10) errors.symptoms = t('referral.error.symptom', { symptom });
    else symptoms[symptom] = Number(v);
  });
  const allergies = typed('allergies', LIMITS.allergies, true);
  const patientAware = pick(AWARENESS, get('patientAware'));
  if (patientAware === undefined) need('patientAware');
  const familyAware = pick(AWARENESS, get('familyAware'));
  if (familyAware === undefined) need('familyAware');
  const patientAgrees = pick(PATIENT_AGREEMENT, get('patientAgrees'));
  if (patientAgrees === undefined) need('patientAgrees');

  const consentBy = pick(CONSENT_BY, get('consentBy'));
  if (consentBy === undefined) need('consentBy');
  const consentDate = validDate(get('consentDate'));
  if (consentDate === undefined) errors.consentDate = t('referral.error.date');
  else if (consentDate > chinaDate(now)) errors.consentDate = t('referral.error.futureDate');
  const ticked = get('consent');
  if (ticked !== 'yes' && ticked !== 'on') errors.consent = t('referral.error.consent');
  const referrerContact = typed('referrerContact', LIMITS.referrerContact, true);

  if (
    Object.keys(errors).length > 0 ||
    !isDirection(direction) ||
    urgency === undefined ||
    phoneOf === undefined ||
    ageBand === undefined ||
    diagnosisGroup === undefined ||
    phase === undefined ||
    kps === undefined ||
    patientAware === undefined ||
    familyAware === undefined ||
    patientAgrees === undefined ||
    consentBy === undefined ||
    consentDate === undefined
  )
    return { ok: false, errors };
  return {
    ok: true,
    draft: {
      direction,
      urgency,
      reason,
      patient: { name, phone, phoneOf, ageBand, county, street },
      clinical: { diagnosisGroup, phase, kps, symptoms, allergies, patientAware, familyAware, patientAgrees },
      consentBy,
      consentDate,
      referrerContact,
    },
  };
}

/**
 * What identifies a patient for "one open referral per patient per direction": the name
 * without spaces and the contact phone. The server turns it into a keyed hash
 * (src/server/network/referral-crypto.ts), so the rule holds without the name in clear.
 */
export function patientIdentity(patient: Pick<PatientDetails, 'name' | 'phone'>): string {
  return `${patient.name.normalize('NFKC').replace(/\s+/g, '')}\n${patient.phone}`;
}
