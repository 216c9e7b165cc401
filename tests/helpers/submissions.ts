/** Valid form submissions for storage tests, with whatever a test needs changed. */
import type { ReportForm } from '../../src/schemas/report-form.ts';
import type { VolunteerForm } from '../../src/schemas/volunteer-form.ts';

/** An adult's volunteer sign-up in 西湖区 (330106). */
export function volunteerForm(changes: Partial<VolunteerForm> = {}): VolunteerForm {
  return {
    name: '林小雨',
    phone: '13800138000',
    email: undefined,
    county: '330106',
    ageGroup: '18+',
    guardianName: undefined,
    guardianPhone: undefined,
    guardianConsent: false,
    availability: ['weekend'],
    roles: ['companion'],
    institution: undefined,
    experience: undefined,
    consent: true,
    ...changes,
  };
}

/** An anonymous error report about a page. */
export function reportForm(changes: Partial<ReportForm> = {}): ReportForm {
  return { institution: undefined, page: '/finder/', problem: '电话号码已经停用', contact: undefined, consent: false, ...changes };
}
