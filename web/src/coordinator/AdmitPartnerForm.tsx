import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { checkOptionalText, type FieldErrors, hasErrors, orNull } from '../app/validation.ts';
import { AdmitPartnerDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useKindName, usePartnerKinds } from '../kinds/PartnerKindsProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';
import { directoryPartners, partnerDirectory } from './partner-directory.ts';

type AdmitField = 'partnerId' | 'liaisonName' | 'liaisonTitle' | 'joinedOn' | 'longitude' | 'latitude' | 'place';

/** Degrees as typed; an empty field is no value (a number input holds '' for what is not a number). */
function degreesOf(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

/**
 * 准入成员单位: picks an organization the partner subgraphs (of every kind) know, names its liaison
 * (联络员) and, for the wall's map, where it is. The degrees' ranges and pairing are the API's to
 * check: its errors show beside the fields.
 */
export function AdmitPartnerForm({ allianceId, memberIds }: { allianceId: string; memberIds: readonly string[] }) {
  const { t } = useI18n();
  const { kinds } = usePartnerKinds();
  const kindName = useKindName();
  const kindList = kinds?.list ?? [];
  const [directory] = useQuery({ query: partnerDirectory(kindList), pause: !kinds });
  const [admission, admit] = useMutation(AdmitPartnerDocument);
  const empty: Record<AdmitField, string> = {
    partnerId: '',
    liaisonName: '',
    liaisonTitle: '',
    joinedOn: '',
    longitude: '',
    latitude: '',
    place: '',
  };
  const [draft, setDraft] = useState(empty);
  const [checked, setChecked] = useState(false);
  const [admitted, setAdmitted] = useState<string | null>(null);
  const candidates = directoryPartners(directory.data, kindList).filter((partner) => !memberIds.includes(partner.id));
  const labels: Record<AdmitField, string> = {
    partnerId: t('member.partner'),
    liaisonName: t('member.liaisonName'),
    liaisonTitle: t('member.liaisonTitle'),
    joinedOn: t('member.joinedOn'),
    longitude: t('member.longitude'),
    latitude: t('member.latitude'),
    place: t('member.place'),
  };
  const validate = (): FieldErrors<AdmitField> => ({
    partnerId: draft.partnerId ? undefined : t('validation.chooseOne'),
    liaisonName: checkOptionalText(draft.liaisonName, 60, t),
    liaisonTitle: checkOptionalText(draft.liaisonTitle, 100, t),
    place: checkOptionalText(draft.place, 100, t),
  });
  const errors = checked ? validate() : {};
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    const partner = candidates.find((candidate) => candidate.id === draft.partnerId);
    if (hasErrors(validate()) || !partner) {
      return;
    }
    setAdmitted(null);
    const result = await admit({
      allianceId,
      input: {
        partnerId: partner.id,
        kind: partner.kind,
        name: partner.name,
        liaisonName: orNull(draft.liaisonName),
        liaisonTitle: orNull(draft.liaisonTitle),
        joinedOn: orNull(draft.joinedOn),
        longitude: degreesOf(draft.longitude),
        latitude: degreesOf(draft.latitude),
        place: orNull(draft.place),
      },
    });
    if (result.data) {
      setAdmitted(result.data.admitPartner.name);
      setDraft(empty);
      setChecked(false);
    }
  };
  const input = (field: Exclude<AdmitField, 'partnerId'>, type = 'text', hint?: string) => (
    <Field label={labels[field]} error={errors[field]} hint={hint}>
      {(control) => (
        <input
          {...control}
          name={field}
          type={type}
          step={type === 'number' ? 'any' : undefined}
          value={draft[field]}
          onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
        />
      )}
    </Field>
  );
  return (
    <form className="form form--panel" noValidate onSubmit={submit} aria-label={t('member.admit')}>
      <h2>{t('member.admit')}</h2>
      {admitted ? <Notice tone="success">{t('member.admitted', { name: admitted })}</Notice> : null}
      <ApiErrorNotice error={directory.error} />
      <div className="form__grid">
        <Field
          label={labels.partnerId}
          error={errors.partnerId}
          required
          hint={candidates.length === 0 ? t('member.noCandidates') : undefined}
        >
          {(control) => (
            <select
              {...control}
              name="partnerId"
              value={draft.partnerId}
              onChange={(event) => setDraft({ ...draft, partnerId: event.target.value })}
            >
              <option value="">{t('form.choose')}</option>
              {candidates.map((partner) => (
                <option key={partner.id} value={partner.id}>
                  {partner.name}（{kindName(partner.kind)}）
                </option>
              ))}
            </select>
          )}
        </Field>
        {input('joinedOn', 'date')}
        {input('liaisonName')}
        {input('liaisonTitle')}
        {input('longitude', 'number', t('member.locationHint'))}
        {input('latitude', 'number')}
        {input('place')}
      </div>
      <ApiErrorNotice error={admission.error} fieldLabels={labels} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={admission.fetching}>
          {admission.fetching ? t('form.saving') : t('member.admitSubmit')}
        </button>
      </div>
    </form>
  );
}
