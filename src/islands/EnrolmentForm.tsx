/** Enrolment in one course session (island). Posts to /api/enrollments; see src/schemas/enrolment-form.ts. */
import { useEffect, useState } from 'preact/hooks';
import { ENROLMENT_FIELDS, MAX_PEOPLE, enrolmentFormSchema } from '../schemas/enrolment-form.ts';
import { Checkbox, TextField, type Values } from './forms/fields.tsx';
import { FormShell } from './forms/FormShell.tsx';
import { translator, type IslandStrings } from '../i18n/island.ts';
import { useForm } from './forms/use-form.ts';
import './forms/forms.css';
import * as routes from '../lib/routes.ts';

export interface EnrolmentFormProps {
  readonly strings: IslandStrings<string>;
  /** Course slug. */
  readonly course: string;
  /** Session id within the course. */
  readonly session: string;
  /** Course title and session description, for the review step. */
  readonly courseTitle: string;
  readonly sessionLabel: string;
  /** Unique on the page (several sessions may sit on one course page). */
  readonly idPrefix: string;
  readonly values?: Values;
  readonly errors?: Readonly<Record<string, string>>;
}

const ENDPOINT = routes.apiEnrolments;

interface Seats {
  readonly remaining: number;
  readonly waitlist: number;
}

export default function EnrolmentForm(props: EnrolmentFormProps) {
  const { strings, course, session, idPrefix: P } = props;
  const s = translator<string>(strings);
  const [seats, setSeats] = useState<Seats | undefined>(undefined);
  const form = useForm({
    schema: enrolmentFormSchema,
    fields: ENROLMENT_FIELDS,
    booleans: ['consent'],
    strings,
    endpoint: ENDPOINT,
    idPrefix: P,
    initialValues: { people: '1', ...props.values, course, session },
    initialErrors: props.errors ?? {},
    nextUrl: (reply) => {
      const q = new URLSearchParams({ ref: String(reply['id']), course, session, status: String(reply['status']) });
      if (typeof reply['waitlistPosition'] === 'number') q.set('position', String(reply['waitlistPosition']));
      return `${routes.enrolmentThanks}?${q.toString()}`;
    },
  });

  // Live seat count: a nicety; the form works the same without it.
  useEffect(() => {
    const q = new URLSearchParams({ course, session });
    fetch(`${ENDPOINT}?${q.toString()}`, { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<Seats>) : undefined))
      .then((data) => {
        if (data !== undefined && typeof data.remaining === 'number') setSeats(data);
      })
      .catch(() => undefined);
  }, [course, session]);

  const optional = s('forms.optional');
  const reviewRows = () => [
    { label: s('forms.enrol.course'), value: props.courseTitle },
    { label: s('forms.enrol.session'), value: props.sessionLabel },
    { label: s('forms.enrol.name.label'), value: form.text('name') },
    { label: s('forms.enrol.phone.label'), value: form.text('phone') },
    { label: s('forms.enrol.people.label'), value: form.text('people') },
  ];
  const sessionError = form.errors['session'] ?? form.errors['course'];

  return (
    <FormShell
      form={form}
      strings={strings}
      endpoint={ENDPOINT}
      idPrefix={P}
      label={`${s('forms.enrol.title')}：${props.sessionLabel}`}
      submitLabel={s('forms.enrol.submit')}
      reviewRows={reviewRows}
      hidden={{ course, session }}
    >
      {seats !== undefined && (
        <p class="form-hint" role="status">
          {seats.remaining > 0 && seats.waitlist === 0 ? s('forms.enrol.remaining', { count: seats.remaining }) : s('forms.enrol.full')}
        </p>
      )}
      {sessionError !== undefined && (
        <p class="form-error" id={form.id('session')} tabIndex={-1}>
          {sessionError}
        </p>
      )}
      <TextField
        id={form.id('name')}
        name="name"
        label={s('forms.enrol.name.label')}
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
        label={s('forms.enrol.phone.label')}
        hint={s('forms.enrol.phone.hint')}
        autocomplete="tel"
        maxLength={32}
        width="medium"
        required
        value={form.text('phone')}
        error={form.errors['phone']}
        onInput={(v) => form.set('phone', v)}
      />
      <TextField
        id={form.id('people')}
        name="people"
        inputMode="numeric"
        label={s('forms.enrol.people.label')}
        optionalMark={optional}
        hint={s('forms.enrol.people.hint', { max: MAX_PEOPLE })}
        width="short"
        value={form.text('people')}
        error={form.errors['people']}
        onInput={(v) => form.set('people', v)}
      />
      <p class="form-hint">
        {s('forms.notice.enrol')} <a href={routes.privacy}>{s('forms.consent.readNotice')}</a>
      </p>
      <Checkbox
        id={form.id('consent')}
        name="consent"
        label={s('forms.consent.label')}
        checked={form.text('consent') === 'yes'}
        error={form.errors['consent']}
        onChange={(c) => form.set('consent', c ? 'yes' : '')}
      />
    </FormShell>
  );
}
