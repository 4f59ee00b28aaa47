import { useI18n } from '../i18n/I18nProvider.tsx';

/** Percent done as a bar with its number. */
export function ProgressBar({ percent, overdue = false }: { percent: number; overdue?: boolean }) {
  const { t, format } = useI18n();
  return (
    <div
      className={`progress${overdue ? ' progress--overdue' : ''}`}
      role="progressbar"
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-label={t('commitment.progress')}
    >
      <div className="progress__track">
        <div className="progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress__value">{format.percent(percent / 100)}</span>
    </div>
  );
}
