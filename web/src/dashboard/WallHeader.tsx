import { Link, useNavigate } from 'react-router';
import { homePathOf } from '../app/home-path.ts';
import { useSession } from '../auth/SessionProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { Clock } from './Clock.tsx';
import { FullscreenButton } from './FullscreenButton.tsx';
import { LiveIndicator } from './LiveIndicator.tsx';
import { type BoardName, boardNames } from './wall-settings.ts';

/** Which board shows, and the automatic switching between them. */
export interface BoardSwitch {
  readonly current: BoardName;
  show(board: BoardName): void;
  /** Boards switch by themselves every while (unless stopped). */
  readonly cycling: boolean;
  toggleCycling(): void;
}

interface WallHeaderProps {
  readonly allianceId: string;
  readonly allianceName: string;
  readonly coordinatorName: string;
  /** The alliances to switch to (the directory), when read. */
  readonly alliances: readonly { id: string; name: string }[] | undefined;
  /** The wall's data is being read again (its live changes could not be resumed). */
  readonly reloading: boolean;
  readonly boards: BoardSwitch;
}

/** The wall's title bar: alliance and coordinator, clock, live state, boards, alliance and language switches, full screen. */
export function WallHeader({ allianceId, allianceName, coordinatorName, alliances, reloading, boards }: WallHeaderProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { session } = useSession();
  return (
    <header className="wall-header">
      <div className="wall-header__title">
        <p className="wall-header__kicker">{t('wall.kicker')}</p>
        <h1>{allianceName}</h1>
        <p className="wall-header__coordinator">{t('wall.coordinator', { name: coordinatorName })}</p>
      </div>
      <div className="wall-header__tools">
        <Clock />
        <LiveIndicator reloading={reloading} />
        <fieldset className="board-switch" aria-label={t('wall.board.label')}>
          {boardNames.map((board) => (
            <button
              key={board}
              type="button"
              className="board-switch__option"
              aria-pressed={boards.current === board}
              onClick={() => boards.show(board)}
              data-board={board}
            >
              {t(`wall.board.${board}`)}
            </button>
          ))}
          <button
            type="button"
            className="board-switch__option board-switch__cycle"
            aria-pressed={boards.cycling}
            onClick={boards.toggleCycling}
            data-testid="board-cycle"
          >
            <span aria-hidden="true" className="board-switch__cycle-icon">
              ⟳
            </span>
            {t('wall.board.cycle')}
          </button>
        </fieldset>
        <label className="wall-header__switch">
          <span className="visually-hidden">{t('wall.switchAlliance')}</span>
          <select value={allianceId} onChange={(event) => navigate(`/wall/${event.target.value}${window.location.search}`)}>
            {(alliances ?? [{ id: allianceId, name: allianceName }]).map((alliance) => (
              <option key={alliance.id} value={alliance.id}>
                {alliance.name}
              </option>
            ))}
          </select>
        </label>
        <LanguageSwitch />
        <FullscreenButton />
        <Link className="wall-header__link" to={session ? homePathOf(session.user) : '/sign-in'}>
          {session ? t('wall.workspace') : t('nav.signIn')}
        </Link>
      </div>
    </header>
  );
}
