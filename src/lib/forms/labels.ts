/**
 * UI-string keys for the values the forms offer (the values themselves are stable codes
 * stored in the database; the keys name their Chinese labels in src/i18n/zh-CN.json).
 */
import type { UiKey } from '../../i18n/index.ts';
import type { Availability, VolunteerRole } from '../../schemas/volunteer-form.ts';

export const AVAILABILITY_LABELS: Readonly<Record<Availability, UiKey>> = {
  'weekday-daytime': 'forms.volunteer.availability.weekdayDaytime',
  'weekday-evening': 'forms.volunteer.availability.weekdayEvening',
  weekend: 'forms.volunteer.availability.weekend',
  holiday: 'forms.volunteer.availability.holiday',
  remote: 'forms.volunteer.availability.remote',
};

export const ROLE_LABELS: Readonly<Record<VolunteerRole, UiKey>> = {
  companion: 'forms.volunteer.role.companion',
  'family-support': 'forms.volunteer.role.familySupport',
  'life-review': 'forms.volunteer.role.lifeReview',
  arts: 'forms.volunteer.role.arts',
  'daily-care': 'forms.volunteer.role.dailyCare',
  bereavement: 'forms.volunteer.role.bereavement',
  education: 'forms.volunteer.role.education',
  organising: 'forms.volunteer.role.organising',
  professional: 'forms.volunteer.role.professional',
};

export const AGE_GROUP_LABELS: Readonly<Record<'18+' | '14-17' | 'under-14', UiKey>> = {
  '18+': 'forms.volunteer.ageGroup.adult',
  '14-17': 'forms.volunteer.ageGroup.minor',
  'under-14': 'forms.volunteer.ageGroup.child',
};
