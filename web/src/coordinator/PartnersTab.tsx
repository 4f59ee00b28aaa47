import { useI18n } from '../i18n/I18nProvider.tsx';
import { useKindName } from '../kinds/PartnerKindsProvider.tsx';
import { AdmitPartnerForm } from './AdmitPartnerForm.tsx';
import { useAdminAlliance } from './AllianceLayout.tsx';

/** 成员单位: the partners with their liaison and branches; the coordinator admits new ones. */
export function PartnersTab() {
  const { t, format } = useI18n();
  const alliance = useAdminAlliance();
  const kindName = useKindName();
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
          </tr>
        </thead>
        <tbody>
          {alliance.members.map((member) => (
            <tr key={member.partnerId}>
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
            </tr>
          ))}
        </tbody>
      </table>
      <AdmitPartnerForm allianceId={alliance.id} memberIds={alliance.members.map((member) => member.partnerId)} />
    </>
  );
}
