import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { apiProblems } from '../api/errors.ts';
import { checkRequiredText, type FieldErrors, hasErrors } from '../app/validation.ts';
import { IssueEditorAccountDocument } from '../generated/graphql.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';

type AccountField = 'login' | 'name';

/** The form of a login the alliance accepts: 3–40 lower-case letters, digits and single dashes, starting with a letter. */
const loginPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function checkLogin(value: string, t: Translate): string | undefined {
  const login = value.trim();
  if (login === '') {
    return t('validation.required');
  }
  return login.length >= 3 && login.length <= 40 && loginPattern.test(login) ? undefined : t('account.loginRule');
}

/**
 * 发放编辑账号: issues an editor account to a member partner (`issueEditorAccount`); its editor
 * then signs in with the login (in development, on the sign-in page).
 */
export function IssueAccountForm({
  partner,
  onIssued,
}: {
  partner: { partnerId: string; kind: string; name: string };
  onIssued: (login: string) => void;
}) {
  const { t } = useI18n();
  const [issuing, issue] = useMutation(IssueEditorAccountDocument);
  const [draft, setDraft] = useState<Record<AccountField, string>>({ login: '', name: '' });
  const [checked, setChecked] = useState(false);
  const labels: Record<AccountField, string> = { login: t('account.login'), name: t('account.name') };
  const validate = (): FieldErrors<AccountField> => ({ login: checkLogin(draft.login, t), name: checkRequiredText(draft.name, 100, t) });
  // A login someone holds already comes back CONFLICT: said at the field, not as an edit conflict.
  const taken = issuing.error ? apiProblems(issuing.error).some((problem) => problem.code === 'CONFLICT') : false;
  const errors = { ...(checked ? validate() : {}), ...(taken ? { login: t('account.loginTaken') } : {}) };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (hasErrors(validate())) {
      return;
    }
    const result = await issue({
      input: { partnerId: partner.partnerId, kind: partner.kind, login: draft.login.trim(), name: draft.name.trim() },
    });
    if (result.data) {
      onIssued(result.data.issueEditorAccount.login);
    }
  };
  return (
    <form
      className="form"
      noValidate
      onSubmit={submit}
      aria-label={t('account.issueFor', { name: partner.name })}
      data-testid="issue-account"
    >
      <div className="form__grid">
        <Field label={labels.login} error={errors.login} hint={t('account.loginRule')} required>
          {(control) => (
            <input
              {...control}
              name="login"
              autoComplete="off"
              value={draft.login}
              onChange={(event) => setDraft({ ...draft, login: event.target.value })}
            />
          )}
        </Field>
        <Field label={labels.name} error={errors.name} hint={t('account.nameHint')} required>
          {(control) => (
            <input {...control} name="name" value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
          )}
        </Field>
      </div>
      {taken ? null : <ApiErrorNotice error={issuing.error} fieldLabels={labels} />}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={issuing.fetching}>
          {issuing.fetching ? t('form.saving') : t('account.issueSubmit')}
        </button>
      </div>
    </form>
  );
}
