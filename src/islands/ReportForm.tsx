/** "Report an error" (island). Posts to /api/reports; see src/schemas/report-form.ts. */
import { useMemo } from 'preact/hooks';
import type { ChoiceGroup } from '../lib/forms/reference-data.ts';
import { PROBLEM_MAX, REPORT_FIELDS, reportFormSchema } from '../schemas/report-form.ts';
import { Checkbox, SelectField, TextArea, TextField, type Values } from './forms/fields.tsx';
import { FormShell } from './forms/FormShell.tsx';
import { translator, type IslandStrings } from '../i18n/island.ts';
import { useForm } from './forms/use-form.ts';
import './forms/forms.css';
import * as routes from '../lib/routes.ts';

export interface ReportFormProps {
  readonly strings: IslandStrings<string>;
  /** Every registry institution, grouped by city; sample ones labelled 示例. */
  readonly institutions: readonly ChoiceGroup[];
  /** Prefilled from ?institution= and ?page=, or the values sent before. */
  readonly values?: Values;
  readonly errors?: Readonly<Record<string, string>>;
  /** How long reports are kept after they were last handled (RETENTION_DAYS), for the privacy line. */
  readonly retentionDays: number;
}

const ENDPOINT = routes.apiReports;
const P = 'report';

export default function ReportForm(props: ReportFormProps) {
  const { strings, institutions } = props;
  const s = translator<string>(strings);
  const schema = useMemo(() => {
    const institutionIds = new Set(institutions.flatMap((g) => g.choices.map((c) => c.value)));
    return reportFormSchema({ institutionIds: () => institutionIds });
  }, [institutions]);
  const form = useForm({
    schema,
    fields: REPORT_FIELDS,
    booleans: ['consent'],
    strings,
    endpoint: ENDPOINT,
    idPrefix: P,
    initialValues: props.values ?? {},
    initialErrors: props.errors ?? {},
    nextUrl: (reply) => routes.reportThanks(String(reply['id'])),
  });
  const optional = s('forms.optional');
  const problem = form.text('problem');
  const institutionName = institutions.flatMap((g) => g.choices).find((c) => c.value === form.text('institution'))?.label ?? '';
  const hasContact = form.text('contact').trim() !== '';
  const reviewRows = () => [
    { label: s('forms.report.institution.label'), value: institutionName },
    { label: s('forms.report.page.label'), value: form.text('page') },
    { label: s('forms.report.problem.label'), value: problem },
    { label: s('forms.report.contact.label'), value: form.text('contact') },
  ];
  return (
    <FormShell
      form={form}
      strings={strings}
      endpoint={ENDPOINT}
      idPrefix={P}
      label={s('forms.report.formLabel')}
      submitLabel={s('forms.report.submit')}
      reviewRows={reviewRows}
    >
      <SelectField
        id={form.id('institution')}
        name="institution"
        label={s('forms.report.institution.label')}
        optionalMark={optional}
        hint={s('forms.report.institution.hint')}
        placeholder={s('forms.report.institution.none')}
        groups={institutions}
        value={form.text('institution')}
        error={form.errors['institution']}
        onChange={(v) => form.set('institution', v)}
      />
      <TextField
        id={form.id('page')}
        name="page"
        label={s('forms.report.page.label')}
        optionalMark={optional}
        hint={s('forms.report.page.hint')}
        autocomplete="off"
        spellcheck={false}
        autocapitalize="off"
        maxLength={300}
        value={form.text('page')}
        error={form.errors['page']}
        onInput={(v) => form.set('page', v)}
      />
      <TextArea
        id={form.id('problem')}
        name="problem"
        label={s('forms.report.problem.label')}
        hint={s('forms.report.problem.hint')}
        rows={6}
        maxLength={PROBLEM_MAX}
        required
        counter={form.enhanced ? s('forms.charCount', { count: problem.length, max: PROBLEM_MAX }) : undefined}
        value={problem}
        error={form.errors['problem']}
        onInput={(v) => form.set('problem', v)}
      />
      {/* What a contact detail is for and how long it is kept, said before anyone types it. */}
      <TextField
        id={form.id('contact')}
        name="contact"
        label={s('forms.report.contact.label')}
        optionalMark={optional}
        hint={`${s('forms.report.contact.hint')}${s('forms.report.contact.privacy', { days: props.retentionDays })}`}
        maxLength={120}
        width="medium"
        value={form.text('contact')}
        error={form.errors['contact']}
        onInput={(v) => form.set('contact', v)}
      />
      <p class="form-hint">
        <a href={routes.privacy}>{s('forms.consent.readNotice')}</a>
      </p>
      {(!form.enhanced || hasContact || form.errors['consent'] !== undefined) && (
        <div class="form-group">
          <Checkbox
            id={form.id('consent')}
            name="consent"
            label={s('forms.report.consent.label')}
            checked={form.text('consent') === 'yes'}
            error={form.errors['consent']}
            onChange={(c) => form.set('consent', c ? 'yes' : '')}
          />
        </div>
      )}
    </FormShell>
  );
}
