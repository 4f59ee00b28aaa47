import { useCallback, useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { CobuildProjectDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { CobuildBadge } from './CobuildBadge.tsx';
import { CobuildHistory } from './CobuildHistory.tsx';
import { useCobuildScope } from './CobuildLayout.tsx';
import { EvaluationForm } from './EvaluationForm.tsx';
import { HelpList } from './HelpList.tsx';
import { ProjectCommitments } from './ProjectCommitments.tsx';

/** The evaluation of a closed project (销号): the stars, the comment, who and when. */
function EvaluationFacts({
  evaluation,
}: {
  evaluation: { satisfaction: number; comment: string; evaluatedBy: string; evaluatedAt: string };
}) {
  const { t, format } = useI18n();
  return (
    <section className="card cobuild__evaluation" aria-labelledby="evaluation-title" data-testid="evaluation">
      <h3 id="evaluation-title">{t('cobuild.evaluation.shown')}</h3>
      <p className="cobuild__stars">
        <span aria-hidden="true">
          {'★'.repeat(evaluation.satisfaction)}
          {'☆'.repeat(5 - evaluation.satisfaction)}
        </span>{' '}
        {t(`cobuild.evaluation.score.${evaluation.satisfaction as 1 | 2 | 3 | 4 | 5}`)}
      </p>
      <p className="description">{evaluation.comment}</p>
      <p className="card__meta">
        {t('cobuild.evaluation.by', { name: evaluation.evaluatedBy, at: format.dateTime(evaluation.evaluatedAt) })}
      </p>
    </section>
  );
}

/**
 * A joint project: both partners, the need and the resource, each partner's commitment with its
 * status, the history; the needing partner's editor evaluates it once delivered, and the
 * evaluation shows once it is closed (销号).
 */
export function ProjectPage() {
  const { t, format } = useI18n();
  const { projectId = '' } = useParams();
  const scope = useCobuildScope();
  const [result, reexecute] = useQuery({ query: CobuildProjectDocument, variables: { id: projectId } });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  useEffect(() => {
    if (scope.lastChange) {
      refresh();
    }
  }, [scope.lastChange, refresh]);
  const project = result.data?.project;
  if (!project || project.allianceId !== scope.alliance.id) {
    if (result.error) {
      return <ApiErrorNotice error={result.error} />;
    }
    return result.fetching ? <Loading /> : <Notice tone="warning">{t('cobuild.project.notFound')}</Notice>;
  }
  const evaluating = project.status === 'DELIVERED' && scope.member?.partnerId === project.needingPartnerId;
  return (
    <article className="cobuild__project" data-project-id={project.id} data-status={project.status}>
      <p className="breadcrumb">
        <Link to={`/cobuild/${scope.alliance.id}/projects`}>{t('cobuild.tab.projects')}</Link>
      </p>
      <header className="page__header">
        <div>
          <h2 className="cobuild__heading">{project.title}</h2>
          <p className="page__lead">
            <CobuildBadge project={project.status} />{' '}
            {t('cobuild.project.between', {
              needing: scope.partnerName(project.needingPartnerId),
              giving: scope.partnerName(project.givingPartnerId),
            })}
          </p>
        </div>
        <Link className="button" to={`/cobuild/${scope.alliance.id}/needs/${project.need.id}`}>
          {t('cobuild.project.openNeed')}
        </Link>
      </header>
      {project.evaluation ? <EvaluationFacts evaluation={project.evaluation} /> : null}
      {evaluating ? <EvaluationForm project={project} /> : null}
      <div className="columns">
        <section aria-labelledby="project-need-title">
          <h3 id="project-need-title">{t('cobuild.project.need')}</h3>
          <p className="card__title">{project.need.title}</p>
          {project.need.description ? <p className="description">{project.need.description}</p> : null}
          <p>
            <HelpList help={project.need.help} />
          </p>
        </section>
        <section aria-labelledby="project-resource-title">
          <h3 id="project-resource-title">{t('cobuild.project.resource')}</h3>
          {project.resource ? (
            <>
              <p className="card__title">{project.resource.title}</p>
              <p>
                <HelpList help={project.resource.offers} />
              </p>
              {project.resource.conditions ? (
                <p className="description">
                  {t('cobuild.field.conditions')}
                  {t('common.colon')}
                  {project.resource.conditions}
                </p>
              ) : null}
            </>
          ) : (
            <p className="empty">{t('cobuild.project.noResource')}</p>
          )}
          <p className="card__meta">
            {t('cobuild.claim.proposal')}
            {t('common.colon')}
            {project.claim.proposal}
          </p>
        </section>
      </div>
      <section aria-labelledby="project-commitments-title">
        <h3 id="project-commitments-title">{t('cobuild.project.commitments')}</h3>
        <p className="field__hint">{t('cobuild.project.commitmentsLead')}</p>
        <ProjectCommitments commitments={project.commitments} partners={[project.needingPartnerId, project.givingPartnerId]} />
      </section>
      <section aria-labelledby="project-history-title">
        <h3 id="project-history-title">{t('item.timeline')}</h3>
        <p className="field__hint">
          {t('cobuild.project.dates', {
            created: format.dateTime(project.createdAt),
            delivered: format.dateTime(project.deliveredAt),
            closed: format.dateTime(project.closedAt),
          })}
        </p>
        <CobuildHistory history={project.history} />
      </section>
    </article>
  );
}
