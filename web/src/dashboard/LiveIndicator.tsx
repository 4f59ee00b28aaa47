import { useLiveStatus } from '../api/ApiProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Whether the wall is receiving live changes: a green dot only while connected. An `<output>` (role status), announced politely when it changes. */
export function LiveIndicator() {
  const { t } = useI18n();
  const status = useLiveStatus();
  return (
    <output className={`live-indicator live-indicator--${status}`} data-live-status={status} aria-live="polite">
      <span className="live-indicator__dot" aria-hidden="true" />
      {t(`live.${status}`)}
    </output>
  );
}
