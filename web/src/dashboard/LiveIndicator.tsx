import { useLiveStatus } from '../api/ApiProvider.tsx';
import type { LiveStatus } from '../api/live-status.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/**
 * Whether the wall is receiving live changes: a green dot only while connected and not
 * reloading. An `<output>` (role status), announced politely when it changes.
 */
export function LiveIndicator({ reloading }: { reloading: boolean }) {
  const { t } = useI18n();
  const connection = useLiveStatus();
  const status: LiveStatus = reloading ? 'reloading' : connection;
  return (
    <output className={`live-indicator live-indicator--${status}`} data-live-status={status} aria-live="polite">
      <span className="live-indicator__dot" aria-hidden="true" />
      {t(`live.${status}`)}
    </output>
  );
}
