import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { homePathOf } from '../app/home-path.ts';
import { useSession } from '../auth/SessionProvider.tsx';
import { AllianceDirectoryDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { Clock } from './Clock.tsx';
import { LiveIndicator } from './LiveIndicator.tsx';

interface WallHeaderProps {
  readonly allianceId: string;
  readonly allianceName: string;
  readonly coordinatorName: string;
  /** The wall's data is being read again (its live changes could not be resumed). */
  readonly reloading: boolean;
}

/** The wall's title bar: alliance and coordinator, clock, live state, alliance and language switches. */
export function WallHeader({ allianceId, allianceName, coordinatorName, reloading }: WallHeaderProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { session } = useSession();
  const [directory] = useQuery({ query: AllianceDirectoryDocument });
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
        <label className="wall-header__switch">
          <span className="visually-hidden">{t('wall.switchAlliance')}</span>
          <select value={allianceId} onChange={(event) => navigate(`/wall/${event.target.value}`)}>
            {(directory.data?.alliances ?? [{ id: allianceId, name: allianceName }]).map((alliance) => (
              <option key={alliance.id} value={alliance.id}>
                {alliance.name}
              </option>
            ))}
          </select>
        </label>
        <LanguageSwitch />
        <Link className="wall-header__link" to={session ? homePathOf(session.user) : '/sign-in'}>
          {session ? t('wall.workspace') : t('nav.signIn')}
        </Link>
      </div>
    </header>
  );
}
