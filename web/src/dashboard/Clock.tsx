import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The wall's clock: date and time, ticking each second. */
export function Clock() {
  const { format } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time className="wall-clock" dateTime={now.toISOString()}>
      <span className="wall-clock__date">{format.date(now.toISOString())}</span>
      <span className="wall-clock__time">{format.time(now)}</span>
    </time>
  );
}
