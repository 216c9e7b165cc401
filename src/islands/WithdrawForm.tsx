/** Withdrawal of one's own sign-up or enrolment (island). Posts to /api/volunteers/withdraw. */
import { WITHDRAW_CONFIRM_PATH, isEnrolmentRef, withdrawDoneUrl, type RemovedCounts } from '../lib/forms/withdraw-pages.ts';
import { WITHDRAW_FIELDS, withdrawFormSchema } from '../schemas/withdraw-form.ts';
import { TextField, type Values } from './forms/fields.tsx';
import { FormShell } from './forms/FormShell.tsx';
import { translator, type IslandStrings } from '../i18n/island.ts';
import { useForm } from './forms/use-form.ts';
import './forms/forms.css';
import * as routes from '../lib/routes.ts';

export interface WithdrawFormProps {
  readonly strings: IslandStrings<string>;
  readonly values?: Values;
  readonly errors?: Readonly<Record<string, string>>;
}

const ENDPOINT = routes.apiWithdraw;
const P = 'withdraw';

export default function WithdrawForm(props: WithdrawFormProps) {
  const { strings } = props;
  const s = translator<string>(strings);
  const form = useForm({
    schema: withdrawFormSchema,
    fields: WITHDRAW_FIELDS,
    strings,
    endpoint: ENDPOINT,
    idPrefix: P,
    initialValues: props.values ?? {},
    initialErrors: props.errors ?? {},
    nextUrl: (reply) => withdrawDoneUrl(reply['removed'] as Partial<RemovedCounts> | undefined),
  });
  // Cancelling a course enrolment is not leaving the volunteers: each gets its own words.
  const enrolment = isEnrolmentRef(form.text('ref'));
  const reviewRows = () => [
    { label: s('forms.withdraw.phone.label'), value: form.text('phone') },
    { label: s('forms.withdraw.ref.label'), value: form.text('ref').toUpperCase() },
  ];
  return (
    <FormShell
      form={form}
      strings={strings}
      endpoint={ENDPOINT}
      idPrefix={P}
      label={s('forms.withdraw.formLabel')}
      submitLabel={s('forms.withdraw.submit')}
      reviewRows={reviewRows}
      noScriptAction={WITHDRAW_CONFIRM_PATH}
      reviewTitle={s(enrolment ? 'forms.withdraw.review.titleEnrolment' : 'forms.withdraw.review.title')}
      reviewHint={s(enrolment ? 'forms.withdraw.review.hintEnrolment' : 'forms.withdraw.review.hint')}
      confirmLabel={s(enrolment ? 'forms.withdraw.review.confirmEnrolment' : 'forms.withdraw.review.confirm')}
    >
      <TextField
        id={form.id('phone')}
        name="phone"
        type="tel"
        inputMode="tel"
        label={s('forms.withdraw.phone.label')}
        autocomplete="tel"
        maxLength={32}
        width="medium"
        required
        value={form.text('phone')}
        error={form.errors['phone']}
        onInput={(v) => form.set('phone', v)}
      />
      <TextField
        id={form.id('ref')}
        name="ref"
        label={s('forms.withdraw.ref.label')}
        hint={s('forms.withdraw.ref.hint')}
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
        maxLength={32}
        width="medium"
        required
        value={form.text('ref')}
        error={form.errors['ref']}
        onInput={(v) => form.set('ref', v)}
      />
    </FormShell>
  );
}
