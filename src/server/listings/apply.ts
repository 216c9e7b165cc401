/**
 * An application to be listed, from an institution the registry does not know yet
 * (/join/): the listing form with the institution's name, kind, grade, ownership and
 * county, and whom the district's reviewer may call about it. Checked as the registry
 * build checks a record; saved as a proposal of kind 'new' in the county's review queue.
 *
 * The contact is personal data: only a name, a work phone and a post, with the person's
 * consent, seen only by the reviewers of that district (each read audited), and deleted
 * APPLICANT_RETENTION_DAYS (src/lib/privacy.ts) after the application was decided (data:purge).
 */
import { randomBytes } from 'node:crypto';
import { formatInstitutionJson, PHONE_PATTERN, type Institution } from '../../schemas/institution.ts';
import { formReference } from '../../lib/forms/reference-data.ts';
import { fieldOfProblem, readListingForm, type FormErrors, type ReadForm } from '../../lib/listings/record-form.ts';
import { todayInChina } from '../../lib/registry/load.ts';
import type { Conn } from '../db/transaction.ts';
import { withApproval } from './console.ts';
import { propose } from './proposals.ts';
import { registryRegions } from './registry-files.ts';
import { checkProposedRecord } from './validate.ts';

export const applicantField = {
  name: 'applicant-name',
  phone: 'applicant-phone',
  role: 'applicant-role',
  consent: 'applicant-consent',
} as const;
/** The hidden field people never see; a form that fills it is a robot's. */
export const TRAP_FIELD = 'fax';
export const MAX_APPLICANT_TEXT = 30;

export interface Applicant {
  readonly name: string;
  readonly phone: string;
  readonly role: string | undefined;
}

export type ApplyResult =
  | { readonly kind: 'saved'; readonly id: number }
  | { readonly kind: 'invalid'; readonly errors: FormErrors; readonly lines: readonly string[] }
  | { readonly kind: 'trapped' };

function readApplicant(form: ReadForm, errors: FormErrors): Applicant | undefined {
  const name = (form.get(applicantField.name) ?? '').trim();
  const phone = (form.get(applicantField.phone) ?? '').trim();
  const role = (form.get(applicantField.role) ?? '').trim();
  if (name === '') errors[applicantField.name] = '请填写联系人姓名，审核人员会打电话核实';
  else if ([...name].length > MAX_APPLICANT_TEXT) errors[applicantField.name] = `姓名请不超过 ${MAX_APPLICANT_TEXT} 个字`;
  if (phone === '') errors[applicantField.phone] = '请填写联系人的工作电话';
  else if (!PHONE_PATTERN.test(phone) || phone.length > 30) errors[applicantField.phone] = '电话号码只能含数字、“-”、空格，可带“转”分机';
  if ([...role].length > MAX_APPLICANT_TEXT) errors[applicantField.role] = `职务请不超过 ${MAX_APPLICANT_TEXT} 个字`;
  if (form.get(applicantField.consent) !== 'yes') errors[applicantField.consent] = '请勾选同意，我们才能联系您核实申请';
  return name === '' || phone === '' ? undefined : { name, phone, role: role === '' ? undefined : role };
}

/** A new record's id: the province's prefix, the county and a few random letters (it becomes the page's address). */
function newId(county: string): string | undefined {
  const province = registryRegions().provinceOf(county);
  const prefix = province === undefined ? undefined : registryRegions().scopeOf(province.code)?.idPrefix;
  return prefix === undefined
    ? undefined
    : `${prefix}${county}-${randomBytes(4).readUInt32BE(0).toString(36).padStart(6, '0').slice(0, 6)}`;
}

export async function applyForListing(db: Conn, form: ReadForm, now: Date): Promise<ApplyResult> {
  if ((form.get(TRAP_FIELD) ?? '') !== '') return { kind: 'trapped' };
  const errors: FormErrors = {};
  const lines: string[] = [];
  const county = (form.get('regionCode') ?? '').trim();
  const regions = registryRegions();
  const region = regions.byCode.get(county);
  const id = region?.level === 'county' ? newId(county) : undefined;
  const today = todayInChina(now);
  const shell: Institution = {
    id: id ?? 'bj-unknown',
    name: '',
    kind: '综合医院',
    grade: '未知',
    ownership: '未知',
    regionCode: county,
    address: null,
    location: { lat: region?.centre.lat ?? 39.9042, lng: region?.centre.lng ?? 116.4074, precision: 'county-centre' },
    services: [],
    provenance: { kind: 'institution', source: '机构申请收录', verifiedAt: today },
  };
  const read = readListingForm(form, shell, true);
  Object.assign(errors, read.errors);
  if (id === undefined && errors['regionCode'] === undefined) errors['regionCode'] = '请选择所在区县';
  const applicant = readApplicant(form, errors);
  const sameName = formReference().institutions.find((i) => i.name === read.record.name && !i.sample);
  if (sameName !== undefined) errors['name'] = `网站已经收录了“${sameName.name}”；如需修改它的信息，请让机构管理员在工作台提出修改`;

  if (id !== undefined && read.record.name !== '') {
    const candidate = withApproval(read.record, { body: '审核单位', username: '-' }, today);
    const check = checkProposedRecord(candidate, today);
    check.problems.forEach((problem, i) => {
      const name = fieldOfProblem(problem.pathParts, candidate);
      if (name !== undefined && errors[name] === undefined) errors[name] = problem.message;
      else if (name === undefined) lines.push(check.lines[i] ?? problem.message);
    });
  } else if (read.record.name === '' && errors['name'] === undefined) {
    errors['name'] = '请填写机构名称';
  }
  if (Object.keys(errors).length > 0 || lines.length > 0 || id === undefined || applicant === undefined) {
    return { kind: 'invalid', errors, lines };
  }
  const saved = await propose(db, {
    institution: id,
    county,
    kind: 'new',
    base: null,
    proposed: formatInstitutionJson(read.record),
    message: read.message,
    applicant: JSON.stringify(applicant),
    actor: 'public',
    now,
  });
  if (!saved.ok) return { kind: 'invalid', errors: {}, lines: ['现在无法保存，请稍后再试。'] };
  return { kind: 'saved', id: saved.id };
}

/** The applicant of a stored application, parsed (undefined when there is none, or it was deleted). */
export function applicantOf(stored: string | null): Applicant | undefined {
  if (stored === null) return undefined;
  try {
    const a = JSON.parse(stored) as Partial<Applicant>;
    return typeof a.name === 'string' && typeof a.phone === 'string'
      ? { name: a.name, phone: a.phone, role: a.role ?? undefined }
      : undefined;
  } catch {
    return undefined;
  }
}
