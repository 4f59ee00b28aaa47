import { Fragment, useState } from 'react';
import { useQuery } from 'urql';
import { EditorAccountsDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useKindName } from '../kinds/PartnerKindsProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Notice } from '../ui/Notice.tsx';
import { AdmitPartnerForm } from './AdmitPartnerForm.tsx';
import { AllianceImportPanel } from './AllianceImportPanel.tsx';
import { useAdminAlliance } from './AllianceLayout.tsx';
import { IssueAccountForm } from './IssueAccountForm.tsx';
import { RegisterPartnerForm } from './RegisterPartnerForm.tsx';

/** The editor accounts query also refetches after the first account is issued (an empty list names no type). */
const accountsContext = { additionalTypenames: ['EditorAccount'] };

/**
 * 成员单位: the partners with their liaison, branches and editor accounts; the coordinator
 * issues accounts, registers new organizations and admits them.
 */
export function PartnersTab() {
  const { t, format } = useI18n();
  const alliance = useAdminAlliance();
  const kindName = useKindName();
  const [accounts] = useQuery({ query: EditorAccountsDocument, context: accountsContext });
  const [issuingFor, setIssuingFor] = useState<string | null>(null);
  const [issued, setIssued] = useState<string | null>(null);
  const loginsOf = (partnerId: string) =>
    (accounts.data?.editorAccounts ?? []).filter((account) => account.partnerId === partnerId).map((account) => account.login);
  return (
    <>
      <table className="table" data-testid="members">
        <thead>
          <tr>
            <th>{t('member.name')}</th>
            <th>{t('member.kind')}</th>
            <th>{t('member.liaison')}</th>
            <th>{t('member.branches')}</th>
            <th>{t('member.joinedOn')}</th>
            <th>{t('account.column')}</th>
          </tr>
        </thead>
        <tbody>
          {alliance.members.map((member) => (
            <Fragment key={member.partnerId}>
              <tr>
                <td data-label={t('member.name')}>
                  <span className="table__title">{member.name}</span>
                  {member.partner?.shortName ? <span className="table__sub">{member.partner.shortName}</span> : null}
                </td>
                <td data-label={t('member.kind')}>{kindName(member.kind)}</td>
                <td data-label={t('member.liaison')}>
                  {member.liaison ? [member.liaison.name, member.liaison.title].filter(Boolean).join(' · ') : '—'}
                </td>
                <td data-label={t('member.branches')}>
                  {member.partner
                    ? member.partner.branches
                        .map((branch) => t('member.branchLine', { name: branch.name, count: format.number(branch.memberCount) }))
                        .join('；') || '—'
                    : t('member.partnerUnavailable')}
                </td>
                <td data-label={t('member.joinedOn')}>{format.date(member.joinedOn)}</td>
                <td data-label={t('account.column')}>
                  {loginsOf(member.partnerId).map((login) => (
                    <span key={login} className="tag">
                      {login}
                    </span>
                  ))}
                  <button
                    type="button"
                    className="button button--quiet"
                    aria-expanded={issuingFor === member.partnerId}
                    onClick={() => setIssuingFor(issuingFor === member.partnerId ? null : member.partnerId)}
                  >
                    {t('account.issue')}
                  </button>
                </td>
              </tr>
              {issuingFor === member.partnerId ? (
                <tr>
                  <td colSpan={6}>
                    <IssueAccountForm
                      partner={member}
                      onIssued={(login) => {
                        setIssued(login);
                        setIssuingFor(null);
                      }}
                    />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
      <ApiErrorNotice error={accounts.error} />
      {issued ? <Notice tone="success">{t('account.issued', { login: issued })}</Notice> : null}
      <RegisterPartnerForm allianceId={alliance.id} />
      <AdmitPartnerForm allianceId={alliance.id} memberIds={alliance.members.map((member) => member.partnerId)} />
      <AllianceImportPanel allianceId={alliance.id} />
    </>
  );
}
