import type { LightReason, TrafficLight } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/**
 * An item's traffic light (红黄绿灯) as the API judged it, with its reason in words (as text
 * beside the dot, or only as its title when `compact`). Closed items have none: nothing shows.
 */
export function LightBadge({
  light,
  reason,
  compact = false,
}: {
  light: TrafficLight | null | undefined;
  reason?: LightReason | null;
  compact?: boolean;
}) {
  const { t } = useI18n();
  if (!light) {
    return null;
  }
  const why = reason ? t(`light.reason.${reason}`) : null;
  return (
    <span className={`light light--${light.toLowerCase()}`} title={why ?? undefined} data-light={light}>
      <span className="light__dot" aria-hidden="true" />
      {t(`light.${light}`)}
      {why && !compact ? <span className="light__reason"> · {why}</span> : null}
    </span>
  );
}
