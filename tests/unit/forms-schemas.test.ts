import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { issuesToErrors } from '../../src/lib/forms/form-data.ts';
import { normalizeMobile } from '../../src/schemas/form-fields.ts';
import { enrolmentFormSchema } from '../../src/schemas/enrolment-form.ts';
import { reportFormSchema } from '../../src/schemas/report-form.ts';
import { volunteerFormSchema } from '../../src/schemas/volunteer-form.ts';
import { withdrawFormSchema } from '../../src/schemas/withdraw-form.ts';

const volunteer = volunteerFormSchema({
  countyCodes: () => new Set(['330106', '110105']),
  institutionIds: () => new Set(['sample-330106']),
});
const report = reportFormSchema({ institutionIds: () => new Set(['sample-330106']) });

const adult = {
  name: '  林小雨 ',
  phone: '138 0013 8000',
  county: '330106',
  ageGroup: '18+',
  availability: ['weekend'],
  roles: 'companion',
  consent: 'yes',
};

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? {} : issuesToErrors(result.error.issues);
};

describe('volunteer form schema', () => {
  it('accepts a complete adult sign-up, trimming text and normalising the phone', () => {
    const result = volunteer.parse(adult);
    expect(result.name).toBe('林小雨');
    expect(result.phone).toBe('13800138000');
    expect(result.roles).toEqual(['companion']);
    expect(result.consent).toBe(true);
    expect(result.guardianName).toBeUndefined();
    expect(result.email).toBeUndefined();
  });

  it('accepts +86, full-width digits and hyphens in phone numbers', () => {
    expect(normalizeMobile('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizeMobile('１３８００１３８０００')).toBe('13800138000');
    expect(normalizeMobile('12345')).toBe('12345');
  });

  it('names every missing field with its own message, all at once', () => {
    expect(errorsOf(volunteer, {})).toEqual({
      name: 'forms.error.name.required',
      phone: 'forms.error.phone.required',
      county: 'forms.error.county.required',
      ageGroup: 'forms.error.ageGroup.required',
      availability: 'forms.error.availability.required',
      roles: 'forms.error.roles.required',
      consent: 'forms.error.consent.required',
    });
  });

  it('refuses a consent box that is not ticked, a landline, an unknown county and a bad email', () => {
    const errors = errorsOf(volunteer, { ...adult, consent: '', phone: '0571-87654321', county: '999999', email: 'not-an-email' });
    expect(errors).toMatchObject({
      consent: 'forms.error.consent.required',
      phone: 'forms.error.phone.invalid',
      county: 'forms.error.county.invalid',
      email: 'forms.error.email.invalid',
    });
  });

  it('asks 14–17-year-olds for guardian name, phone and consent, even while other fields are wrong', () => {
    const errors = errorsOf(volunteer, { ...adult, name: '', ageGroup: '14-17' });
    expect(errors).toMatchObject({
      name: 'forms.error.name.required',
      guardianName: 'forms.error.guardianName.required',
      guardianPhone: 'forms.error.guardianPhone.required',
      guardianConsent: 'forms.error.guardianConsent.required',
    });
    const ok = volunteer.parse({
      ...adult,
      ageGroup: '14-17',
      guardianName: '林大海',
      guardianPhone: '13900139000',
      guardianConsent: 'yes',
    });
    expect(ok).toMatchObject({ guardianName: '林大海', guardianPhone: '13900139000', guardianConsent: true });
  });

  it('refuses under-14s with the explanation, and drops stray guardian fields of adults', () => {
    expect(errorsOf(volunteer, { ...adult, ageGroup: 'under-14' })).toEqual({ ageGroup: 'forms.error.ageGroup.under14' });
    expect(volunteer.parse({ ...adult, guardianName: '某人' }).guardianName).toBeUndefined();
  });

  it('rejects unknown fields, unknown roles and an experience longer than 500 characters', () => {
    const errors = errorsOf(volunteer, {
      ...adult,
      idCard: '110101199001011234',
      roles: ['companion', 'surgeon'],
      experience: '字'.repeat(501),
    });
    expect(errors).toMatchObject({
      idCard: 'forms.error.unknownField',
      roles: 'forms.error.roles.invalid',
      experience: 'forms.error.experience.tooLong',
    });
  });

  it('keeps markup as plain text (it is escaped on output, never interpreted)', () => {
    expect(volunteer.parse({ ...adult, name: '<b>林</b>' }).name).toBe('<b>林</b>');
  });

  it('refuses control characters and over-long names', () => {
    expect(errorsOf(volunteer, { ...adult, name: 'a\u0007b' })).toEqual({ name: 'forms.error.invalid' });
    expect(errorsOf(volunteer, { ...adult, name: '林'.repeat(41) })).toEqual({ name: 'forms.error.name.tooLong' });
  });

  it('checks an institution against the registry ids', () => {
    expect(volunteer.parse({ ...adult, institution: 'sample-330106' }).institution).toBe('sample-330106');
    expect(volunteer.parse({ ...adult, institution: '' }).institution).toBeUndefined();
    expect(errorsOf(volunteer, { ...adult, institution: 'bj-nowhere' })).toEqual({ institution: 'forms.error.institution.invalid' });
  });
});

describe('enrolment form schema', () => {
  const base = { course: 'elder-life-wisdom', session: '2026-12-xihu-1', name: '王奶奶', phone: '13800138000', consent: true };
  it('defaults to one person and reads numbers sent as text', () => {
    expect(enrolmentFormSchema.parse(base).people).toBe(1);
    expect(enrolmentFormSchema.parse({ ...base, people: '3' }).people).toBe(3);
  });
  it('keeps the group between 1 and 5 people', () => {
    expect(errorsOf(enrolmentFormSchema, { ...base, people: 6 })).toEqual({ people: 'forms.error.people.invalid' });
    expect(errorsOf(enrolmentFormSchema, { ...base, people: '0' })).toEqual({ people: 'forms.error.people.invalid' });
    expect(errorsOf(enrolmentFormSchema, { ...base, people: 1.5 })).toEqual({ people: 'forms.error.people.invalid' });
  });
  it('refuses malformed course and session ids', () => {
    expect(errorsOf(enrolmentFormSchema, { ...base, session: '../x' })).toEqual({ session: 'forms.error.session.invalid' });
  });
});

describe('report form schema', () => {
  it('needs an institution or a page, and what is wrong', () => {
    expect(errorsOf(report, {})).toMatchObject({ institution: 'forms.error.target.required', problem: 'forms.error.problem.required' });
    expect(report.parse({ page: '/services/', problem: '电话换了' })).toMatchObject({ page: '/services/', consent: false });
  });
  it('needs consent only when a contact is left', () => {
    expect(errorsOf(report, { institution: 'sample-330106', problem: '地址不对', contact: '13800138000' })).toEqual({
      consent: 'forms.error.consent.contact',
    });
    expect(report.parse({ institution: 'sample-330106', problem: '地址不对', contact: '13800138000', consent: 'yes' }).consent).toBe(true);
  });
  it('accepts only site paths as the page', () => {
    for (const page of ['//evil.example/', 'https://evil.example/', 'javascript:alert(1)', '/a b']) {
      expect(errorsOf(report, { page, problem: 'x' })).toMatchObject({ page: 'forms.error.page.invalid' });
    }
  });
});

describe('withdraw form schema', () => {
  it('reads reference codes the way people type them', () => {
    expect(withdrawFormSchema.parse({ phone: '13800138000', ref: ' v abcd2345 ' }).ref).toBe('V-ABCD2345');
    expect(withdrawFormSchema.parse({ phone: '13800138000', ref: 'e－abcd2345' }).ref).toBe('E-ABCD2345');
  });
  it('takes any code of the person, a report code too, and refuses malformed codes', () => {
    expect(withdrawFormSchema.parse({ phone: '13800138000', ref: 'r abcd2345' }).ref).toBe('R-ABCD2345');
    expect(errorsOf(withdrawFormSchema, { phone: '13800138000', ref: 'V-ABC' })).toEqual({ ref: 'forms.error.ref.invalid' });
  });
});
