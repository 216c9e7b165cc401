/**
 * The volunteer sign-up form (/volunteer/ → POST /api/volunteers). Shared by the browser
 * island and the server. Deliberately absent: ID-card numbers and health information.
 */
import { z } from 'zod';
import {
  MOBILE_PATTERN,
  mobile,
  mustTick,
  normalizeMobile,
  oneOf,
  optionalKnownId,
  optionalText,
  optionalTick,
  requiredText,
  someOf,
} from './form-fields.ts';

/** When someone can serve. Labels: forms.volunteer.availability.<value>. */
export const AVAILABILITY = ['weekday-daytime', 'weekday-evening', 'weekend', 'holiday', 'remote'] as const;
export type Availability = (typeof AVAILABILITY)[number];

/** What someone would like to do. Labels: forms.volunteer.role.<value>. */
export const VOLUNTEER_ROLES = [
  'companion',
  'family-support',
  'life-review',
  'arts',
  'daily-care',
  'bereavement',
  'education',
  'organising',
  'professional',
] as const;
export type VolunteerRole = (typeof VOLUNTEER_ROLES)[number];

/** Age groups offered; `under-14` exists only to be refused with an explanation. */
export const AGE_GROUP_CHOICES = ['18+', '14-17', 'under-14'] as const;
/** Age groups that may register. */
export const AGE_GROUPS = ['18+', '14-17'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** Staff workflow, in order: 新登记 → 已联系 → 已培训 → 在岗, or 不适合. */
export const VOLUNTEER_STATUSES = ['新登记', '已联系', '已培训', '在岗', '不适合'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

/** Longest `experience` text, in characters. */
export const EXPERIENCE_MAX = 500;

/** What the schema checks ids against; functions, so the lists can be loaded lazily. */
export interface VolunteerFormContext {
  /** County-level region codes from content/regions.json. */
  readonly countyCodes: () => ReadonlySet<string>;
  /** Registry institution ids. */
  readonly institutionIds: () => ReadonlySet<string>;
}

/** Builds the volunteer form schema against the known counties and institutions. */
export function volunteerFormSchema(ctx: VolunteerFormContext) {
  return z
    .strictObject({
      /** Full name as the person wants to be called. */
      name: requiredText(40, 'forms.error.name.required', 'forms.error.name.tooLong'),
      /** Mainland mobile number, stored as 11 digits. */
      phone: mobile('forms.error.phone.required', 'forms.error.phone.invalid'),
      /** Optional e-mail address. */
      email: optionalText(100, 'forms.error.email.invalid').refine((v) => v === undefined || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
        error: 'forms.error.email.invalid',
      }),
      /** County-level region code where the person lives or wants to serve. */
      county: z
        .string({ error: (i) => (i.input === undefined ? 'forms.error.county.required' : 'forms.error.county.invalid') })
        .trim()
        .min(1, { error: 'forms.error.county.required' })
        .refine((v) => ctx.countyCodes().has(v), { error: 'forms.error.county.invalid' }),
      /** 18+ or 14-17; under-14 is refused with an explanation. */
      ageGroup: oneOf(AGE_GROUP_CHOICES, 'forms.error.ageGroup.required', 'forms.error.ageGroup.invalid').refine((v) => v !== 'under-14', {
        error: 'forms.error.ageGroup.under14',
      }),
      /** For 14–17: the guardian's name. */
      guardianName: optionalText(40, 'forms.error.guardianName.tooLong'),
      /** For 14–17: the guardian's mobile number. */
      guardianPhone: optionalText(32, 'forms.error.guardianPhone.invalid'),
      /** For 14–17: the guardian agrees. */
      guardianConsent: optionalTick(),
      /** When the person can serve; at least one. */
      availability: someOf(AVAILABILITY, 'forms.error.availability.required', 'forms.error.availability.invalid'),
      /** What the person would like to do; at least one. */
      roles: someOf(VOLUNTEER_ROLES, 'forms.error.roles.required', 'forms.error.roles.invalid'),
      /** Optional preferred institution (registry id). */
      institution: optionalKnownId(ctx.institutionIds, 'forms.error.institution.invalid'),
      /** Optional relevant experience, at most EXPERIENCE_MAX characters. */
      experience: optionalText(EXPERIENCE_MAX, 'forms.error.experience.tooLong', true),
      /** Agreement to the privacy notice; must be ticked by the person. */
      consent: mustTick('forms.error.consent.required'),
    })
    .superRefine(
      (form, issues) => {
        // Runs even when other fields have problems (see `when`), so a minor sees every
        // missing guardian detail at once, not one round later.
        const guardianName: unknown = form.guardianName;
        const guardianPhone: unknown = form.guardianPhone;
        if (guardianName === undefined)
          issues.addIssue({ code: 'custom', path: ['guardianName'], message: 'forms.error.guardianName.required' });
        if (guardianPhone === undefined)
          issues.addIssue({ code: 'custom', path: ['guardianPhone'], message: 'forms.error.guardianPhone.required' });
        else if (typeof guardianPhone === 'string' && !MOBILE_PATTERN.test(normalizeMobile(guardianPhone))) {
          issues.addIssue({ code: 'custom', path: ['guardianPhone'], message: 'forms.error.guardianPhone.invalid' });
        }
        if (form.guardianConsent !== true)
          issues.addIssue({ code: 'custom', path: ['guardianConsent'], message: 'forms.error.guardianConsent.required' });
      },
      {
        when: (payload) =>
          typeof payload.value === 'object' && payload.value !== null && (payload.value as { ageGroup?: unknown }).ageGroup === '14-17',
      },
    )
    .transform(({ guardianName, guardianPhone, guardianConsent, ...rest }) =>
      // Guardian details are kept only for minors; an adult's stray guardian fields are dropped.
      rest.ageGroup === '14-17'
        ? {
            ...rest,
            guardianName,
            guardianPhone: guardianPhone === undefined ? undefined : normalizeMobile(guardianPhone),
            guardianConsent,
          }
        : { ...rest, guardianName: undefined, guardianPhone: undefined, guardianConsent: false },
    );
}

export type VolunteerForm = z.output<ReturnType<typeof volunteerFormSchema>>;

/** Field names in form order (for error summaries and focus). */
export const VOLUNTEER_FIELDS = [
  'name',
  'phone',
  'email',
  'county',
  'ageGroup',
  'guardianName',
  'guardianPhone',
  'guardianConsent',
  'availability',
  'roles',
  'institution',
  'experience',
  'consent',
] as const;
