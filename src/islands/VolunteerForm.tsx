/** The volunteer sign-up form (island). Posts to /api/volunteers; see src/schemas/volunteer-form.ts. */
import { useEffect, useMemo } from 'preact/hooks';
import { AGE_GROUP_LABELS, AVAILABILITY_LABELS, ROLE_LABELS } from '../lib/forms/labels.ts';
import type { ChoiceGroup } from '../lib/forms/reference-data.ts';
import {
  AGE_GROUP_CHOICES,
  AVAILABILITY,
  EXPERIENCE_MAX,
  VOLUNTEER_FIELDS,
  VOLUNTEER_ROLES,
  volunteerFormSchema,
} from '../schemas/volunteer-form.ts';
import { ChoiceGroupField, Checkbox, SelectField, TextArea, TextField, type Values } from './forms/fields.tsx';
import { FormShell } from './forms/FormShell.tsx';
import { translator, type IslandStrings } from '../i18n/island.ts';
import { useForm } from './forms/use-form.ts';
import './forms/forms.css';
import * as routes from '../lib/routes.ts';

export interface VolunteerFormProps {
  /** UI strings picked by src/components/forms/VolunteerForm.astro. */
  readonly strings: IslandStrings<string>;
  /** County choices grouped by city. */
  readonly counties: readonly ChoiceGroup[];
  /** Institutions that take volunteers, grouped by city (may be empty). */
  readonly institutions: readonly ChoiceGroup[];
  /** Values sent before (shown again after a server round trip). */
  readonly values?: Values;
  /** Messages per field from the server. */
  readonly errors?: Readonly<Record<string, string>>;
}

const ENDPOINT = routes.apiVolunteers;
const P = 'volunteer';

const ids = (groups: readonly ChoiceGroup[]) => new Set(groups.flatMap((g) => g.choices.map((c) => c.value)));
const labelOf = (groups: readonly ChoiceGroup[], value: string) =>
  groups.flatMap((g) => g.choices).find((c) => c.value === value)?.label ?? '';

export default function VolunteerForm(props: VolunteerFormProps) {
  const { strings, counties, institutions } = props;
  const s = translator<string>(strings);
  const schema = useMemo(() => {
    const countyCodes = ids(counties);
    const institutionIds = ids(institutions);
    return volunteerFormSchema({ countyCodes: () => countyCodes, institutionIds: () => institutionIds });
  }, [counties, institutions]);
  const form = useForm({
    schema,
    fields: VOLUNTEER_FIELDS,
    booleans: ['guardianConsent', 'consent'],
    strings,
    endpoint: ENDPOINT,
    idPrefix: P,
    initialValues: props.values ?? {},
    initialErrors: props.errors ?? {},
    nextUrl: (reply) => routes.volunteerThanks(String(reply['id'])),
  });
  // Institution pages link here as /volunteer/?institution=<id>: start with that place chosen.
  useEffect(() => {
    const wanted = new URLSearchParams(window.location.search).get('institution');
    if (wanted && form.text('institution') === '' && ids(institutions).has(wanted)) form.set('institution', wanted);
    // Only on arrival: a choice the person makes later wins.
  }, []);
  const age = form.text('ageGroup');
  const minor = age === '14-17';
  const optional = s('forms.optional');
  const experience = form.text('experience');
  const short = (label: string) => label.split('：')[0] ?? label;

  const reviewRows = () => [
    { label: s('forms.volunteer.name.label'), value: form.text('name') },
    { label: s('forms.volunteer.phone.label'), value: form.text('phone') },
    { label: s('forms.volunteer.email.label'), value: form.text('email') },
    { label: s('forms.volunteer.county.label'), value: labelOf(counties, form.text('county')) },
    { label: s('forms.volunteer.ageGroup.legend'), value: age === '' ? '' : s(AGE_GROUP_LABELS[age as keyof typeof AGE_GROUP_LABELS]) },
    ...(minor
      ? [
          { label: s('forms.volunteer.guardianName.label'), value: form.text('guardianName') },
          { label: s('forms.volunteer.guardianPhone.label'), value: form.text('guardianPhone') },
        ]
      : []),
    {
      label: s('forms.volunteer.availability.legend'),
      value: form
        .list('availability')
        .map((v) => s(AVAILABILITY_LABELS[v as keyof typeof AVAILABILITY_LABELS]))
        .join('、'),
    },
    {
      label: s('forms.volunteer.roles.legend'),
      value: form
        .list('roles')
        .map((v) => short(s(ROLE_LABELS[v as keyof typeof ROLE_LABELS])))
        .join('、'),
    },
    ...(institutions.length > 0
      ? [
          {
            label: s('forms.volunteer.institution.label'),
            value:
              form.text('institution') === '' ? s('forms.volunteer.institution.none') : labelOf(institutions, form.text('institution')),
          },
        ]
      : []),
    { label: s('forms.volunteer.experience.label'), value: experience },
  ];

  return (
    <FormShell
      form={form}
      strings={strings}
      endpoint={ENDPOINT}
      idPrefix={P}
      label={s('forms.volunteer.formLabel')}
      submitLabel={s('forms.volunteer.submit')}
      reviewRows={reviewRows}
    >
      <TextField
        id={form.id('name')}
        name="name"
        label={s('forms.volunteer.name.label')}
        autocomplete="name"
        maxLength={60}
        width="medium"
        required
        value={form.text('name')}
        error={form.errors['name']}
        onInput={(v) => form.set('name', v)}
      />
      <TextField
        id={form.id('phone')}
        name="phone"
        type="tel"
        inputMode="tel"
        label={s('forms.volunteer.phone.label')}
        hint={s('forms.volunteer.phone.hint')}
        autocomplete="tel"
        maxLength={32}
        width="medium"
        required
        value={form.text('phone')}
        error={form.errors['phone']}
        onInput={(v) => form.set('phone', v)}
      />
      <TextField
        id={form.id('email')}
        name="email"
        type="email"
        label={s('forms.volunteer.email.label')}
        optionalMark={optional}
        hint={s('forms.volunteer.email.hint')}
        autocomplete="email"
        spellcheck={false}
        maxLength={120}
        value={form.text('email')}
        error={form.errors['email']}
        onInput={(v) => form.set('email', v)}
      />
      <SelectField
        id={form.id('county')}
        name="county"
        label={s('forms.volunteer.county.label')}
        hint={s('forms.volunteer.county.hint')}
        placeholder={s('forms.volunteer.county.placeholder')}
        groups={counties}
        required
        value={form.text('county')}
        error={form.errors['county']}
        onChange={(v) => form.set('county', v)}
      />
      <ChoiceGroupField
        id={form.id('ageGroup')}
        name="ageGroup"
        type="radio"
        label={s('forms.volunteer.ageGroup.legend')}
        options={AGE_GROUP_CHOICES.map((v) => ({ value: v, label: s(AGE_GROUP_LABELS[v]) }))}
        value={age}
        error={form.errors['ageGroup']}
        onChange={(v) => form.set('ageGroup', v)}
      >
        {form.enhanced && age === 'under-14' && form.errors['ageGroup'] === undefined && (
          <p class="notice form-notice">{s('forms.error.ageGroup.under14')}</p>
        )}
      </ChoiceGroupField>
      {(!form.enhanced || minor) && (
        <fieldset class="form-fieldset form-group">
          <legend class="form-legend">{s('forms.volunteer.guardian.legend')}</legend>
          <p class="form-hint">{s(form.enhanced ? 'forms.volunteer.guardian.hint' : 'forms.volunteer.guardian.hintNoScript')}</p>
          <TextField
            id={form.id('guardianName')}
            name="guardianName"
            label={s('forms.volunteer.guardianName.label')}
            autocomplete="section-guardian name"
            maxLength={60}
            width="medium"
            value={form.text('guardianName')}
            error={form.errors['guardianName']}
            onInput={(v) => form.set('guardianName', v)}
          />
          <TextField
            id={form.id('guardianPhone')}
            name="guardianPhone"
            type="tel"
            inputMode="tel"
            label={s('forms.volunteer.guardianPhone.label')}
            autocomplete="section-guardian tel"
            maxLength={32}
            width="medium"
            value={form.text('guardianPhone')}
            error={form.errors['guardianPhone']}
            onInput={(v) => form.set('guardianPhone', v)}
          />
          <Checkbox
            id={form.id('guardianConsent')}
            name="guardianConsent"
            label={s('forms.volunteer.guardianConsent.label')}
            checked={form.text('guardianConsent') === 'yes'}
            error={form.errors['guardianConsent']}
            onChange={(c) => form.set('guardianConsent', c ? 'yes' : '')}
          />
        </fieldset>
      )}
      <ChoiceGroupField
        id={form.id('availability')}
        name="availability"
        type="checkbox"
        label={s('forms.volunteer.availability.legend')}
        options={AVAILABILITY.map((v) => ({ value: v, label: s(AVAILABILITY_LABELS[v]) }))}
        value={form.list('availability')}
        error={form.errors['availability']}
        onChange={(v) => form.set('availability', v)}
      />
      <ChoiceGroupField
        id={form.id('roles')}
        name="roles"
        type="checkbox"
        label={s('forms.volunteer.roles.legend')}
        options={VOLUNTEER_ROLES.map((v) => ({ value: v, label: s(ROLE_LABELS[v]) }))}
        value={form.list('roles')}
        error={form.errors['roles']}
        onChange={(v) => form.set('roles', v)}
      />
      {institutions.length > 0 && (
        <SelectField
          id={form.id('institution')}
          name="institution"
          label={s('forms.volunteer.institution.label')}
          optionalMark={optional}
          hint={s('forms.volunteer.institution.hint')}
          placeholder={s('forms.volunteer.institution.none')}
          groups={institutions}
          value={form.text('institution')}
          error={form.errors['institution']}
          onChange={(v) => form.set('institution', v)}
        />
      )}
      <TextArea
        id={form.id('experience')}
        name="experience"
        label={s('forms.volunteer.experience.label')}
        optionalMark={optional}
        hint={s('forms.volunteer.experience.hint')}
        maxLength={EXPERIENCE_MAX}
        counter={form.enhanced ? s('forms.charCount', { count: experience.length, max: EXPERIENCE_MAX }) : undefined}
        value={experience}
        error={form.errors['experience']}
        onInput={(v) => form.set('experience', v)}
      />
      <fieldset class="form-fieldset form-group">
        <legend class="form-legend">{s('forms.consent.legend')}</legend>
        <p class="form-hint">
          {s('forms.notice.volunteer')} <a href={routes.privacy}>{s('forms.consent.readNotice')}</a>
        </p>
        <Checkbox
          id={form.id('consent')}
          name="consent"
          label={s('forms.consent.label')}
          checked={form.text('consent') === 'yes'}
          error={form.errors['consent']}
          onChange={(c) => form.set('consent', c ? 'yes' : '')}
        />
      </fieldset>
    </FormShell>
  );
}
