import { Link } from 'react-router';
import type { CobuildProjectQuery } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ProgressBar } from '../ui/ProgressBar.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { useCobuildScope } from './CobuildLayout.tsx';

type Commitment = NonNullable<NonNullable<CobuildProjectQuery['project']>['commitments'][number]>;

/** Where the reader can open a project's commitment: its own partner's editor edits it, the coordinator tracks it once published. */
function useCommitmentLink() {
  const { member, coordinator, alliance } = useCobuildScope();
  return (commitment: Commitment) => {
    if (member?.partnerId === commitment.partnerId) {
      return `/my/commitments/${commitment.id}`;
    }
    return coordinator && commitment.status !== 'DRAFT' ? `/alliances/${alliance.id}/items/${commitment.id}` : null;
  };
}

/** Each partner's commitment to the project (the needing partner's first), with its status; a draft shows only to its partner. */
export function ProjectCommitments({
  commitments,
  partners,
}: {
  commitments: readonly (Commitment | null)[];
  partners: readonly string[];
}) {
  const { t } = useI18n();
  const { partnerName } = useCobuildScope();
  const linkOf = useCommitmentLink();
  return (
    <table className="table" data-testid="project-commitments">
      <thead>
        <tr>
          <th>{t('item.partner')}</th>
          <th>{t('commitment.field.title')}</th>
          <th>{t('commitment.status')}</th>
          <th>{t('commitment.progress')}</th>
        </tr>
      </thead>
      <tbody>
        {partners.map((partnerId, index) => {
          const commitment = commitments[index] ?? null;
          const link = commitment ? linkOf(commitment) : null;
          return (
            <tr key={partnerId} data-partner-id={partnerId} data-commitment-id={commitment?.id}>
              <td data-label={t('item.partner')}>
                <span className="table__title">{partnerName(partnerId)}</span>
                <span className="table__sub">{t(index === 0 ? 'cobuild.project.needing' : 'cobuild.project.giving')}</span>
              </td>
              <td data-label={t('commitment.field.title')}>
                {commitment ? (
                  link ? (
                    <Link to={link} className="table__title">
                      {commitment.title}
                    </Link>
                  ) : (
                    commitment.title
                  )
                ) : (
                  <span className="is-unavailable">{t('cobuild.project.commitmentHidden')}</span>
                )}
              </td>
              <td data-label={t('commitment.status')}>{commitment ? <StatusBadge status={commitment.status} /> : '—'}</td>
              <td data-label={t('commitment.progress')}>{commitment ? <ProgressBar percent={commitment.progress} /> : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
