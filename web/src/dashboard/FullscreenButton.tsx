import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Whether the page is in full screen, following changes (the Esc key, the browser's own controls). */
function useFullscreen(): boolean {
  const [on, setOn] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const update = () => setOn(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, []);
  return on;
}

/** Puts the wall in full screen and back (the Fullscreen API); not shown where the browser has none. */
export function FullscreenButton() {
  const { t } = useI18n();
  const on = useFullscreen();
  if (!document.fullscreenEnabled) {
    return null;
  }
  const toggle = () => {
    const change = on ? document.exitFullscreen() : document.documentElement.requestFullscreen();
    // Refused (no user gesture, a policy): the page stays as it is and the label with it.
    change.catch(() => undefined);
  };
  return (
    <button type="button" className="wall-button wall-header__fullscreen" onClick={toggle} data-testid="wall-fullscreen">
      <span aria-hidden="true" className="wall-header__fullscreen-icon">
        {on ? '⤡' : '⤢'}
      </span>
      {on ? t('wall.fullscreen.exit') : t('wall.fullscreen.enter')}
    </button>
  );
}
