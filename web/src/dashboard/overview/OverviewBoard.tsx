import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { PartnerKinds } from '../../kinds/partner-kinds.ts';
import { ApiErrorNotice } from '../../ui/ApiErrorNotice.tsx';
import { palette } from '../palette.ts';
import type { Board } from '../useBoard.ts';
import { BurnUpPanel } from './BurnUpPanel.tsx';
import { CalendarPanel } from './CalendarPanel.tsx';
import { MapPanel } from './MapPanel.tsx';
import type { MapPoint } from './map-option.ts';
import { RankingPanel } from './RankingPanel.tsx';
import { rankPartners } from './ranking.ts';
import { useOverview } from './useOverview.ts';
import '../../styles/wall-overview.css';

/**
 * 总览: the alliance at a glance beside the wall's live board — the joint list's completion over
 * time, the partners ranked by completion, the month's joint activities and where the partners
 * are. It fits one screen from 1280×720 to 3840×2160 (type and spacing scale with the viewport)
 * and is one column on a phone.
 */
export function OverviewBoard({ board, kinds }: { board: Board; kinds: PartnerKinds }) {
  const { t } = useI18n();
  const overview = useOverview(board.alliance.id, board.stats);
  const alliance = overview.data?.alliance;

  const { members, partnerShortName } = board;
  const shortNames = useMemo(
    () => new Map(members.map((member) => [member.partnerId, partnerShortName(member.partnerId)])),
    [members, partnerShortName],
  );
  const ranked = useMemo(() => rankPartners(board.stats.byPartner, shortNames), [board.stats.byPartner, shortNames]);
  const { points, unplaced } = useMemo(() => {
    const located = new Map((alliance?.members ?? []).map((member) => [member.partnerId, member.location]));
    const placed: MapPoint[] = [];
    const missing: string[] = [];
    for (const member of members) {
      const location = located.get(member.partnerId);
      const short = partnerShortName(member.partnerId);
      if (location) {
        placed.push({
          partnerId: member.partnerId,
          shortName: short,
          fullName: member.name,
          place: location.place,
          longitude: location.longitude,
          latitude: location.latitude,
          color: kinds.of(member.kind)?.color ?? palette.text,
        });
      } else if (alliance) {
        missing.push(short);
      }
    }
    return { points: placed, unplaced: missing };
  }, [alliance, members, partnerShortName, kinds]);

  return (
    <main className="wall-overview" aria-label={t('overview.label')}>
      {!alliance && overview.error ? (
        <div className="wall-overview__error">
          <ApiErrorNotice error={overview.error} />
        </div>
      ) : null}
      <BurnUpPanel points={alliance?.completionOverTime ?? null} />
      <RankingPanel ranked={ranked} kinds={kinds} />
      <CalendarPanel activities={board.activities} shortName={partnerShortName} />
      <MapPanel points={points} unplaced={unplaced} memberCount={members.length} />
    </main>
  );
}
