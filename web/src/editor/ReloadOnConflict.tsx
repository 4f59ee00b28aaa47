import type { CombinedError } from '@urql/core';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** A reload button when a write lost an optimistic-lock race (CONFLICT): the item changed meanwhile. */
export function ReloadOnConflict({ error, reload }: { error: CombinedError | undefined; reload: () => void }) {
  const { t } = useI18n();
  if (!error?.graphQLErrors.some((problem) => problem.extensions?.code === 'CONFLICT')) {
    return null;
  }
  return (
    <p className="actions">
      <button type="button" className="button" onClick={reload}>
        {t('actions.reload')}
      </button>
    </p>
  );
}
