import { Navigate } from 'react-router';
import { useQuery } from 'urql';
import { AllianceDirectoryDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';

/** `/`: the wall of the first alliance (by name); the wall's switch offers the others. */
export function DefaultWall() {
  const { t } = useI18n();
  const [directory] = useQuery({ query: AllianceDirectoryDocument });
  const first = directory.data?.alliances[0];
  if (first) {
    return <Navigate to={`/wall/${first.id}`} replace />;
  }
  return (
    <div className="wall wall--empty">
      {directory.error ? <ApiErrorNotice error={directory.error} /> : null}
      {directory.fetching ? <Loading /> : null}
      {directory.data ? <Notice>{t('wall.noAlliances')}</Notice> : null}
    </div>
  );
}
