import { Link } from 'react-router';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CobuildBadge } from './CobuildBadge.tsx';
import { useCobuildScope } from './CobuildLayout.tsx';
import { FiguresTable } from './FiguresTable.tsx';

/** 项目清单: the joint projects made of accepted claims, then each partner's figures. */
export function ProjectsTab() {
  const { t, format } = useI18n();
  const { alliance, lists, partnerName } = useCobuildScope();
  return (
    <>
      {lists.projects.length === 0 ? <p className="empty">{t('cobuild.projects.empty')}</p> : null}
      {lists.projects.length > 0 ? (
        <table className="table" data-testid="cobuild-projects">
          <thead>
            <tr>
              <th>{t('cobuild.project.title')}</th>
              <th>{t('cobuild.project.partners')}</th>
              <th>{t('cobuild.project.resource')}</th>
              <th>{t('commitment.status')}</th>
              <th>{t('cobuild.project.createdAt')}</th>
              <th>{t('cobuild.evaluation.satisfaction')}</th>
            </tr>
          </thead>
          <tbody>
            {lists.projects.map((project) => (
              <tr key={project.id} data-project-id={project.id}>
                <td data-label={t('cobuild.project.title')}>
                  <Link to={`/cobuild/${alliance.id}/projects/${project.id}`} className="table__title">
                    {project.title}
                  </Link>
                </td>
                <td data-label={t('cobuild.project.partners')}>
                  {t('cobuild.project.between', {
                    needing: partnerName(project.needingPartnerId),
                    giving: partnerName(project.givingPartnerId),
                  })}
                </td>
                <td data-label={t('cobuild.project.resource')}>{project.resource?.title ?? '—'}</td>
                <td data-label={t('commitment.status')}>
                  <CobuildBadge project={project.status} />
                </td>
                <td data-label={t('cobuild.project.createdAt')}>{format.date(project.createdAt)}</td>
                <td data-label={t('cobuild.evaluation.satisfaction')}>
                  {project.evaluation ? t('cobuild.evaluation.stars', { n: project.evaluation.satisfaction }) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <FiguresTable figures={lists.cobuildFigures} />
    </>
  );
}
