/**
 * "Report an error" (/report/ → POST /api/reports): which institution or page is wrong,
 * what is wrong, and an optional way to reach the reporter.
 */
import { z } from 'zod';
import { checkboxValue, optionalKnownId, optionalText, requiredText } from './form-fields.ts';

/** Staff workflow for reports. */
export const REPORT_STATUSES = ['待处理', '处理中', '已更正', '无需更改'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const PROBLEM_MAX = 2000;

/** A site path such as /services/bj-pumch/ (no scheme, no host, no "//"). */
export const SITE_PATH = /^\/(?!\/)[^\s<>"'\\]*$/;

export interface ReportFormContext {
  /** Registry institution ids. */
  readonly institutionIds: () => ReadonlySet<string>;
}

export function reportFormSchema(ctx: ReportFormContext) {
  return z
    .strictObject({
      /** The registry record that is wrong, if it is about one. */
      institution: optionalKnownId(ctx.institutionIds, 'forms.error.institution.invalid'),
      /** The page the reader was on (the footer link fills it in). */
      page: optionalText(300, 'forms.error.page.invalid').refine((v) => v === undefined || SITE_PATH.test(v), {
        error: 'forms.error.page.invalid',
      }),
      /** What is wrong, in the reader's words. */
      problem: requiredText(PROBLEM_MAX, 'forms.error.problem.required', 'forms.error.problem.tooLong'),
      /** Optional phone or e-mail for questions back. */
      contact: optionalText(100, 'forms.error.contact.tooLong'),
      /** Agreement to the privacy notice; needed only when a contact is given. */
      consent: z.preprocess(checkboxValue, z.boolean({ error: 'forms.error.invalid' }).optional()).transform((v) => v === true),
    })
    .superRefine(
      (form, issues) => {
        if (form.institution === undefined && form.page === undefined) {
          issues.addIssue({ code: 'custom', path: ['institution'], message: 'forms.error.target.required' });
        }
        if (typeof form.contact === 'string' && form.consent !== true) {
          issues.addIssue({ code: 'custom', path: ['consent'], message: 'forms.error.consent.contact' });
        }
      },
      // Also when other fields have problems, so every message shows at once.
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    );
}

export type ReportForm = z.output<ReturnType<typeof reportFormSchema>>;

export const REPORT_FIELDS = ['institution', 'page', 'problem', 'contact', 'consent'] as const;
