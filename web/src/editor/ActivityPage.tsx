import type { CombinedError } from '@urql/core';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { MyActivityDetailFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';
import { inNamespace } from '../kinds/namespaced.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { ActivityForm, type ActivityFormProps } from './ActivityForm.tsx';
import { AttendanceForm } from './AttendanceForm.tsx';
import { activityInput, draftOfActivity } from './activity-draft.ts';
import { myActivityDetail, recordAttendance, updateActivity } from './activity-operations.ts';
import { type EditorScope, useEditorScope } from './EditorLayout.tsx';
import { useMyActivities } from './useMyActivities.ts';

interface ActivityViewProps {
  readonly scope: EditorScope;
  readonly activity: MyActivityDetailFragment;
  readonly commitments: ActivityFormProps['commitments'];
}

function ActivityView({ scope, activity, commitments }: ActivityViewProps) {
  const { t, format } = useI18n();
  const location = useLocation();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<MessageKey | null>((location.state as { notice?: MessageKey } | null)?.notice ?? null);
  const [error, setError] = useState<CombinedError | undefined>(undefined);
  const [updating, update] = useMutation(updateActivity(scope.kind));
  const [recording, record] = useMutation(recordAttendance(scope.kind));
  const alliance = scope.alliances.find((candidate) => candidate.id === activity.allianceId);
  const recorded = new Map(activity.attendance.map((row) => [row.partnerId, row.attendees]));
  const attending = [
    { partnerId: scope.partnerId, partnerName: scope.partnerName },
    ...activity.invitedPartners.map((partner) => ({ partnerId: partner.id, partnerName: partner.name })),
  ].map((partner) => ({ ...partner, attendees: recorded.get(partner.partnerId) ?? 0 }));
  const at = { id: activity.id, version: activity.version };
  const finish = (result: { error?: CombinedError | undefined }, done: MessageKey) => {
    setError(result.error);
    setNotice(result.error ? null : done);
    if (!result.error) {
      setEditing(false);
    }
  };

  return (
    <section className="page" data-activity-id={activity.id}>
      <p className="breadcrumb">
        <Link to="/my/activities">{t('editor.activities.title')}</Link>
      </p>
      <header className="page__header">
        <div>
          <h1>{activity.title}</h1>
          <p className="page__lead">
            {t(`activityType.${activity.type}`)} · {format.dateTime(activity.startsAt)} · {alliance?.name ?? activity.allianceId}
          </p>
        </div>
        <button type="button" className="button" aria-pressed={editing} onClick={() => setEditing(!editing)}>
          {t('actions.edit')}
        </button>
      </header>
      {notice ? <Notice tone="success">{t(notice)}</Notice> : null}
      {editing ? (
        <ActivityForm
          scope={scope}
          initial={draftOfActivity(activity)}
          commitments={commitments}
          editing
          busy={updating.fetching}
          error={error}
          onCancel={() => setEditing(false)}
          onSubmit={async (draft) => finish(await update({ ...at, input: activityInput(draft) }), 'editor.saved.activity')}
        />
      ) : (
        <dl className="facts">
          <div className="facts__row">
            <dt>{t('activity.field.location')}</dt>
            <dd>{activity.location ?? '—'}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('activity.field.endsAt')}</dt>
            <dd>{format.dateTime(activity.endsAt)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('activity.field.invitedPartnerIds')}</dt>
            <dd>{format.list(activity.invitedPartners.map((partner) => partner.name))}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('activity.field.advancedCommitmentIds')}</dt>
            <dd>{format.list(activity.advancedCommitments.map((commitment) => commitment.title))}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('activity.field.description')}</dt>
            <dd>{activity.description ?? '—'}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('activity.field.minutes')}</dt>
            <dd>{activity.minutes ?? '—'}</dd>
          </div>
        </dl>
      )}
      {!editing ? (
        <AttendanceForm
          key={activity.version}
          partners={attending}
          busy={recording.fetching}
          error={error}
          onSubmit={async (attendance) => finish(await record({ ...at, attendance }), 'editor.saved.attendance')}
        />
      ) : null}
    </section>
  );
}

/** One hosted activity: its details, editing, and attendance per partner. */
export function ActivityPage() {
  const { t } = useI18n();
  const { activityId = '' } = useParams();
  const scope = useEditorScope();
  const { commitments } = useMyActivities(scope);
  const [result] = useQuery({ query: myActivityDetail(scope.kind), variables: { id: activityId } });
  const activity = inNamespace(result.data, scope.kind)?.activity;
  if (activity) {
    return <ActivityView key={activity.id} scope={scope} activity={activity} commitments={commitments} />;
  }
  if (result.error) {
    return <ApiErrorNotice error={result.error} />;
  }
  return result.fetching ? <Loading /> : <Notice tone="warning">{t('editor.activities.notFound')}</Notice>;
}
