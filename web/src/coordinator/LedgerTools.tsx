import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { checkWholeNumber } from '../app/validation.ts';
import { LightThresholdsDocument, SendRemindersToRedItemsDocument, SetLightThresholdsDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ReminderForm } from '../reminders/ReminderForm.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';
import type { AdminAlliance } from './AllianceLayout.tsx';

/** The range of a threshold (days), as the alliance checks it. */
const minDays = 1;
const maxDays = 365;

/** 红黄绿灯规则: the alliance's thresholds, which the coordinator sets; every item's light follows at once. */
function ThresholdsForm({ allianceId }: { allianceId: string }) {
  const { t } = useI18n();
  const [current] = useQuery({ query: LightThresholdsDocument, variables: { allianceId } });
  const saved = current.data?.alliance?.lightThresholds;
  const [edited, setEdited] = useState<{ dueSoonDays: string; staleDays: string } | null>(null);
  const values = edited ?? { dueSoonDays: String(saved?.dueSoonDays ?? ''), staleDays: String(saved?.staleDays ?? '') };
  const [result, save] = useMutation(SetLightThresholdsDocument);
  const [done, setDone] = useState(false);
  const problems = {
    dueSoonDays: checkWholeNumber(values.dueSoonDays, minDays, maxDays, t, true),
    staleDays: checkWholeNumber(values.staleDays, minDays, maxDays, t, true),
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (problems.dueSoonDays || problems.staleDays) {
      return;
    }
    const outcome = await save({ allianceId, input: { dueSoonDays: Number(values.dueSoonDays), staleDays: Number(values.staleDays) } });
    if (!outcome.error) {
      setEdited(null);
      setDone(true);
    }
  };
  const shown = saved ?? { dueSoonDays: 0, staleDays: 0 };
  return (
    <details>
      <summary>{t('ledger.thresholds.title')}</summary>
      <form className="form" noValidate onSubmit={submit} aria-label={t('ledger.thresholds.title')}>
        <p className="field__hint">
          {t('ledger.thresholds.lead', { dueSoon: shown.dueSoonDays, stale: shown.staleDays, stale2: shown.staleDays * 2 })}
        </p>
        <Field label={t('ledger.thresholds.dueSoonDays')} error={edited ? problems.dueSoonDays : undefined} required>
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={minDays}
              max={maxDays}
              value={values.dueSoonDays}
              onChange={(event) => setEdited({ ...values, dueSoonDays: event.target.value })}
            />
          )}
        </Field>
        <Field label={t('ledger.thresholds.staleDays')} error={edited ? problems.staleDays : undefined} required>
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={minDays}
              max={maxDays}
              value={values.staleDays}
              onChange={(event) => setEdited({ ...values, staleDays: event.target.value })}
            />
          )}
        </Field>
        <ApiErrorNotice
          error={result.error ?? current.error}
          fieldLabels={{ dueSoonDays: t('ledger.thresholds.dueSoonDays'), staleDays: t('ledger.thresholds.staleDays') }}
        />
        {done ? <Notice tone="success">{t('ledger.thresholds.saved')}</Notice> : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={result.fetching}>
            {result.fetching ? t('form.saving') : t('ledger.thresholds.save')}
          </button>
        </div>
      </form>
    </details>
  );
}

/** 督办红灯事项: one reminder on each red item of the chosen partner. */
function RedItemsForm({ alliance, partnerId: chosen }: { alliance: AdminAlliance; partnerId: string }) {
  const { t } = useI18n();
  const [partnerId, setPartnerId] = useState(chosen || (alliance.members[0]?.partnerId ?? ''));
  const [result, send] = useMutation(SendRemindersToRedItemsDocument);
  const [done, setDone] = useState<string | null>(null);
  return (
    <details>
      <summary>{t('ledger.red.title')}</summary>
      <ReminderForm
        title={t('ledger.red.title')}
        heading={false}
        lead={t('ledger.red.lead')}
        submitLabel={t('ledger.red.submit')}
        busy={result.fetching}
        error={result.error}
        done={done}
        onSubmit={async (input) => {
          setDone(null);
          const outcome = await send({ input: { allianceId: alliance.id, partnerId, ...input } });
          const count = outcome.data?.sendRemindersToRedItems.length;
          if (count !== undefined) {
            setDone(count > 0 ? t('ledger.red.sent', { count }) : t('ledger.red.none'));
          }
        }}
      >
        <Field label={t('tracking.filter.partner')} required>
          {(control) => (
            <select {...control} name="partnerId" value={partnerId} onChange={(event) => setPartnerId(event.target.value)}>
              {alliance.members.map((member) => (
                <option key={member.partnerId} value={member.partnerId}>
                  {member.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </ReminderForm>
    </details>
  );
}

/** The coordinator's ledger tools above the tracking view: the light's thresholds, reminders on red items. */
export function LedgerTools({ alliance, partnerId }: { alliance: AdminAlliance; partnerId: string }) {
  return (
    <div className="ledger-tools">
      <ThresholdsForm allianceId={alliance.id} />
      <RedItemsForm key={partnerId} alliance={alliance} partnerId={partnerId} />
    </div>
  );
}
