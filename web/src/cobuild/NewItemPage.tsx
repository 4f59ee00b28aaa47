import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useEditorScope } from '../editor/EditorLayout.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { inNamespace } from '../kinds/namespaced.ts';
import { ItemForm } from './ItemForm.tsx';
import { emptyItemDraft, needInputOf, resourceInputOf } from './item-draft.ts';
import { type ItemEntity, myItemsPath } from './item-kinds.ts';
import { operationsOf } from './item-operations.ts';

/** 发布需求 / 发布资源: a draft first, which the editor publishes from its page. */
export function NewItemPage({ entity }: { entity: ItemEntity }) {
  const { t } = useI18n();
  const scope = useEditorScope();
  const navigate = useNavigate();
  const [creation, create] = useMutation(operationsOf(entity).create(scope.kind));
  const onlyAlliance = scope.alliances.length === 1 ? (scope.alliances[0]?.id ?? '') : '';
  const base = myItemsPath(entity);
  return (
    <section className="page page--form">
      <h1>{t(entity === 'need' ? 'cobuild.my.newNeed' : 'cobuild.my.newResource')}</h1>
      <p className="page__lead">{t('cobuild.my.newLead')}</p>
      <ItemForm
        entity={entity}
        initial={emptyItemDraft(onlyAlliance)}
        alliances={scope.alliances}
        submitLabel={t('editor.commitments.saveDraft')}
        busy={creation.fetching}
        error={creation.error}
        onCancel={() => navigate(base)}
        onSubmit={async (draft) => {
          const input = entity === 'need' ? needInputOf(draft) : resourceInputOf(draft);
          const result = await create({ allianceId: draft.allianceId, input });
          const created = inNamespace(result.data, scope.kind)?.item;
          if (created) {
            navigate(`${base}/${created.id}`, { state: { notice: 'cobuild.saved.draft' } });
          }
        }}
      />
    </section>
  );
}
