import { limits } from '@hub/cobuild';
import { useState } from 'react';
import { useMutation } from 'urql';
import { checkOptionalText } from '../app/validation.ts';
import { type ClaimRowFragment, DecideClaimDocument, WithdrawClaimDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { CobuildBadge } from './CobuildBadge.tsx';
import { HelpList } from './HelpList.tsx';

/** The needing partner's editor accepts or declines a pending claim, with an optional note. */
function DecideClaim({ claim }: { claim: ClaimRowFragment }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [deciding, decide] = useMutation(DecideClaimDocument);
  const problem = checkOptionalText(note, limits.note, t);
  const send = (accept: boolean) => {
    if (!problem) {
      decide({ id: claim.id, version: claim.version, accept, note: note.trim() || null });
    }
  };
  return (
    <div className="cobuild__decide" data-testid="decide-claim">
      <Field label={t('cobuild.claim.note')} error={problem} hint={t('cobuild.claim.noteHint')}>
        {(control) => <textarea {...control} name="note" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />}
      </Field>
      <ApiErrorNotice error={deciding.error} fieldLabels={{ note: t('cobuild.claim.note') }} />
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={deciding.fetching}
          onClick={() => send(true)}
          data-action="accept"
        >
          {t('cobuild.claim.accept')}
        </button>
        <button type="button" className="button" disabled={deciding.fetching} onClick={() => send(false)} data-action="decline">
          {t('cobuild.claim.decline')}
        </button>
      </div>
    </div>
  );
}

function WithdrawClaim({ claim }: { claim: ClaimRowFragment }) {
  const { t } = useI18n();
  const [withdrawing, withdraw] = useMutation(WithdrawClaimDocument);
  return (
    <>
      <ApiErrorNotice error={withdrawing.error} />
      <button
        type="button"
        className="button button--danger-quiet"
        disabled={withdrawing.fetching}
        onClick={() => withdraw({ id: claim.id, version: claim.version })}
        data-action="withdraw-claim"
      >
        {t('cobuild.claim.withdraw')}
      </button>
    </>
  );
}

interface ClaimListProps {
  readonly claims: readonly ClaimRowFragment[];
  readonly partnerName: (partnerId: string) => string;
  /** The reader edits for the needing partner: it decides pending claims. */
  readonly deciding: boolean;
  /** The reader's partner, whose own pending claim it may withdraw. */
  readonly viewerPartnerId: string | null;
}

/** 认领情况: each claim with its claimant, resource, proposal and status; what the reader may do with it. */
export function ClaimList({ claims, partnerName, deciding, viewerPartnerId }: ClaimListProps) {
  const { t, format } = useI18n();
  if (claims.length === 0) {
    return <p className="empty">{t('cobuild.claims.none')}</p>;
  }
  return (
    <ol className="cobuild__claims" data-testid="claims">
      {claims.map((claim) => (
        <li key={claim.id} className="card cobuild__claim" data-claim-id={claim.id} data-status={claim.status}>
          <p className="cobuild__claim-head">
            <strong>{partnerName(claim.claimantPartnerId)}</strong>
            <CobuildBadge claim={claim.status} />
            <span className="card__meta">{t('cobuild.claim.by', { name: claim.createdBy, at: format.dateTime(claim.createdAt) })}</span>
          </p>
          {claim.resource ? (
            <p>
              {t('cobuild.claim.with')}
              {t('common.colon')}
              {claim.resource.title} <HelpList help={claim.resource.offers} />
            </p>
          ) : null}
          <p className="description">{claim.proposal}</p>
          {claim.note ? (
            <p className="card__meta">
              {t('cobuild.claim.note')}
              {t('common.colon')}
              {claim.note}
            </p>
          ) : null}
          {claim.status === 'PENDING' && deciding ? <DecideClaim claim={claim} /> : null}
          {claim.status === 'PENDING' && claim.claimantPartnerId === viewerPartnerId ? <WithdrawClaim claim={claim} /> : null}
        </li>
      ))}
    </ol>
  );
}
