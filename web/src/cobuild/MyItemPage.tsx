import { limits } from '@hub/cobuild';
import type { CombinedError } from '@urql/core';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useEditorScope } from '../editor/EditorLayout.tsx';
import { ReloadOnConflict } from '../editor/ReloadOnConflict.tsx';
import type { WriteOutcome } from '../editor/useCommitmentWrites.ts';
import { WithdrawForm } from '../editor/WithdrawForm.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';
import { inNamespace } from '../kinds/namespaced.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { ItemFacts } from './ItemFacts.tsx';
import { ItemForm } from './ItemForm.tsx';
import { ItemHistory } from './ItemHistory.tsx';
import { itemDraftOf } from './item-draft.ts';
import { type ItemEntity, type MyItemDetail, myItemsPath } from './item-kinds.ts';
import { operationsOf } from './item-operations.ts';
import { useItemWrites } from './useItemWrites.ts';

type Panel = 'edit' | 'withdraw';

function ItemView({ entity, item, refetch }: { entity: ItemEntity; item: MyItemDetail; refetch: () => void }) {
  const { t } = useI18n();
  const scope = useEditorScope();
  const location = useLocation();
  const writes = useItemWrites(scope, entity, item);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>((location.state as { notice?: MessageKey } | null)?.notice ?? null);
  const [error, setError] = useState<CombinedError | undefined>(undefined);
  const allianceName = scope.alliances.find((alliance) => alliance.id === item.allianceId)?.name ?? item.allianceId;
  const open = item.status === 'DRAFT' || item.status === 'PUBLISHED';

  const run = async (write: () => Promise<WriteOutcome>, done: MessageKey) => {
    setNotice(null);
    const outcome = await write();
    setError(outcome.error);
    if (outcome.ok) {
      setPanel(null);
      setNotice(done);
    }
  };
  const choose = (next: Panel | null) => {
    setPanel(panel === next ? null : next);
    setError(undefined);
    setNotice(null);
  };

  return (
    <section className="page" data-item-id={item.id} data-version={item.version}>
      <p className="breadcrumb">
        <Link to={myItemsPath(entity)}>{t(entity === 'need' ? 'cobuild.my.needs' : 'cobuild.my.resources')}</Link>
      </p>
      <header className="page__header">
        <div>
          <h1>{item.title}</h1>
          <p className="page__lead">
            <StatusBadge status={item.status} /> {allianceName}
          </p>
        </div>
        {entity === 'need' && item.status !== 'DRAFT' ? (
          <Link className="button" to={`/cobuild/${item.allianceId}/needs/${item.id}`} data-action="open-need">
            {t('cobuild.my.openInAlliance')}
          </Link>
        ) : null}
      </header>
      {notice ? <Notice tone="success">{t(notice)}</Notice> : null}
      {open ? (
        <div className="actions" role="toolbar" aria-label={t('actions.label')}>
          {item.status === 'DRAFT' ? (
            <button
              type="button"
              className="button button--primary"
              disabled={writes.busy}
              onClick={() => run(writes.publish, 'cobuild.saved.published')}
              data-action="publish"
            >
              {t(entity === 'need' ? 'cobuild.actions.publishNeed' : 'cobuild.actions.publishResource')}
            </button>
          ) : null}
          <button type="button" className="button" aria-pressed={panel === 'edit'} onClick={() => choose('edit')} data-action="edit">
            {t('actions.edit')}
          </button>
          <button
            type="button"
            className="button button--danger-quiet"
            aria-pressed={panel === 'withdraw'}
            onClick={() => choose('withdraw')}
            data-action="withdraw"
          >
            {t('actions.withdraw')}
          </button>
        </div>
      ) : (
        <p className="actions actions--closed">{t('cobuild.actions.closedWithdrawn')}</p>
      )}
      {panel === null ? <ApiErrorNotice error={error} /> : null}
      <ReloadOnConflict error={error} reload={refetch} />
      {panel === 'edit' ? (
        <div className="form--panel">
          <h2>{t('actions.edit')}</h2>
          <ItemForm
            entity={entity}
            initial={itemDraftOf(item)}
            alliances={scope.alliances}
            allianceLocked
            submitLabel={t('form.save')}
            busy={writes.busy}
            error={error}
            onCancel={() => choose(null)}
            onSubmit={(draft) => run(() => writes.update(draft), 'editor.saved.updated')}
          />
        </div>
      ) : null}
      {panel === 'withdraw' ? (
        <WithdrawForm
          title={t(entity === 'need' ? 'cobuild.withdraw.need' : 'cobuild.withdraw.resource')}
          lead={t('cobuild.withdraw.lead')}
          maxLength={limits.reason}
          busy={writes.busy}
          error={error}
          onCancel={() => choose(null)}
          onSubmit={(reason) => run(() => writes.withdraw(reason), 'editor.saved.withdrawn')}
        />
      ) : null}
      <div className="columns">
        <section aria-labelledby="facts-title">
          <h2 id="facts-title">{t('commitment.facts')}</h2>
          {item.description ? <p className="description">{item.description}</p> : null}
          <ItemFacts item={item} allianceName={allianceName} />
        </section>
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t('history.title')}</h2>
          <ItemHistory entity={entity} history={item.history} />
        </section>
      </div>
    </section>
  );
}

/** One of the editor's needs or resources: its facts and history, and what may be done with it now. */
export function MyItemPage({ entity }: { entity: ItemEntity }) {
  const { t } = useI18n();
  const { itemId = '' } = useParams();
  const scope = useEditorScope();
  const [result, refetch] = useQuery({ query: operationsOf(entity).detail(scope.kind), variables: { id: itemId } });
  const item = inNamespace(result.data, scope.kind)?.item;
  if (item && item.partnerId === scope.partnerId) {
    return <ItemView key={item.id} entity={entity} item={item} refetch={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  if (result.error) {
    return <ApiErrorNotice error={result.error} />;
  }
  return result.fetching ? <Loading /> : <Notice tone="warning">{t('cobuild.my.notFound')}</Notice>;
}
