import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { inNamespace } from '../kinds/namespaced.ts';
import { ActivityForm } from './ActivityForm.tsx';
import { activityInput, emptyActivity } from './activity-draft.ts';
import { createActivity } from './activity-operations.ts';
import { useEditorScope } from './EditorLayout.tsx';
import { useMyActivities } from './useMyActivities.ts';

/** 发起联建活动: the partner hosts an activity and invites others. */
export function NewActivityPage() {
  const { t } = useI18n();
  const scope = useEditorScope();
  const navigate = useNavigate();
  const { commitments } = useMyActivities(scope);
  const [creation, create] = useMutation(createActivity(scope.kind));
  return (
    <section className="page page--form">
      <h1>{t('editor.activities.new')}</h1>
      <ActivityForm
        scope={scope}
        initial={emptyActivity(scope.alliances.length === 1 ? (scope.alliances[0]?.id ?? '') : '')}
        commitments={commitments}
        busy={creation.fetching}
        error={creation.error}
        onCancel={() => navigate('/my/activities')}
        onSubmit={async (draft) => {
          const result = await create({ allianceId: draft.allianceId, input: activityInput(draft) });
          const created = inNamespace(result.data, scope.kind)?.createActivity;
          if (created) {
            navigate(`/my/activities/${created.id}`, { state: { notice: 'editor.saved.activity' } });
          }
        }}
      />
    </section>
  );
}
