import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { inNamespace } from '../kinds/namespaced.ts';
import { CommitmentForm } from './CommitmentForm.tsx';
import { commitmentInput, emptyDraft } from './commitment-draft.ts';
import { createCommitment } from './commitment-operations.ts';
import { useEditorScope } from './EditorLayout.tsx';
import { useMyCommitments } from './useMyCommitments.ts';

/** 新建承诺事项: a draft, which the editor publishes to the joint list from its page. */
export function NewCommitmentPage() {
  const { t } = useI18n();
  const scope = useEditorScope();
  const navigate = useNavigate();
  const { branches } = useMyCommitments(scope);
  const [creation, create] = useMutation(createCommitment(scope.kind));
  const onlyAlliance = scope.alliances.length === 1 ? (scope.alliances[0]?.id ?? '') : '';
  return (
    <section className="page page--form">
      <h1>{t('editor.commitments.new')}</h1>
      <p className="page__lead">{t('editor.commitments.newLead')}</p>
      <CommitmentForm
        kind={scope.kind}
        initial={emptyDraft(onlyAlliance, scope.kind)}
        alliances={scope.alliances}
        branches={branches}
        submitLabel={t('editor.commitments.saveDraft')}
        busy={creation.fetching}
        error={creation.error}
        onCancel={() => navigate('/my/commitments')}
        onSubmit={async (draft) => {
          const result = await create({ allianceId: draft.allianceId, input: commitmentInput(draft, scope.kind) });
          const created = inNamespace(result.data, scope.kind)?.createCommitment;
          if (created) {
            navigate(`/my/commitments/${created.id}`, { state: { notice: 'editor.saved.draft' } });
          }
        }}
      />
    </section>
  );
}
