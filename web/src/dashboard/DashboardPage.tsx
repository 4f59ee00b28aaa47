import { useCallback, useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { AllianceDirectoryDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { KindsPending } from '../kinds/KindsPending.tsx';
import { usePartnerKinds } from '../kinds/PartnerKindsProvider.tsx';
import { type PartnerKinds, textOf } from '../kinds/partner-kinds.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { ActivitiesPanel } from './ActivitiesPanel.tsx';
import { listChangesOf } from './board-state.ts';
import { CobuildPanel, type CobuildWall, useCobuildWall } from './CobuildPanel.tsx';
import { type ChartBox, categoryCompletionOption, type GraphGroup, partnerCompletionOption, partnerGraphOption } from './chart-options.ts';
import { EChart } from './EChart.tsx';
import { JointListPanel } from './JointListPanel.tsx';
import { KpiStrip } from './KpiStrip.tsx';
import { LiveFeed } from './LiveFeed.tsx';
import { OverviewBoard } from './overview/OverviewBoard.tsx';
import { palette } from './palette.ts';
import { type Board, useBoard } from './useBoard.ts';
import { usePageTurns } from './usePageTurns.ts';
import { WallHeader } from './WallHeader.tsx';
import { fittedScreen, useMediaQuery } from './wall-layout.ts';
import { boardNames, type WallSettings, wallSettingsOf } from './wall-settings.ts';
import { useWallText } from './wall-text.ts';

/** The alliance's own colour group in the partner graph, before the kinds. */
const allianceGroup = 'alliance';

/** The list board: figures by partner and category, the joint list, the partners, activities, feeds. */
function ListBoard({
  board,
  kinds,
  cobuild,
  settings,
}: {
  board: Board;
  kinds: PartnerKinds;
  cobuild: CobuildWall;
  settings: WallSettings;
}) {
  const { t, format, lang } = useI18n();
  const { counted } = useWallText();
  const fitted = useMediaQuery(fittedScreen);
  const now = new Date().toISOString();
  const { stats, members, partnerName, partnerShortName } = board;

  const shortByName = useMemo(
    () => new Map(members.map((member) => [member.name, partnerShortName(member.partnerId)])),
    [members, partnerShortName],
  );
  const text = useMemo(() => ({ t, format, shortName: (name: string) => shortByName.get(name) ?? name }), [t, format, shortByName]);
  const groups = useMemo<GraphGroup[]>(() => {
    const present = new Set(members.map((member) => member.kind));
    const known = kinds.list.filter((kind) => present.has(kind.kind));
    return [
      { value: allianceGroup, name: t('wall.graph.alliance'), color: palette.red },
      ...known.map((kind) => ({ value: kind.kind, name: textOf(kind.label, lang), color: kind.color })),
      // A kind the API did not describe, by its value, muted.
      ...[...present].filter((kind) => !kinds.of(kind)).map((kind) => ({ value: kind, name: kind, color: palette.muted })),
    ];
  }, [members, kinds, t, lang]);
  const graphMembers = useMemo(
    () =>
      members.map((member) => ({
        partnerId: member.partnerId,
        name: member.name,
        shortName: partnerShortName(member.partnerId),
        group: member.kind,
      })),
    [members, partnerShortName],
  );

  const byPartner = useCallback((box: ChartBox) => partnerCompletionOption(stats, text, box), [stats, text]);
  const byCategory = useCallback((box: ChartBox) => categoryCompletionOption(stats, text, box), [stats, text]);
  const graph = useCallback(
    (box: ChartBox) => partnerGraphOption(board.alliance.name, graphMembers, groups, stats, format, box),
    [board.alliance.name, graphMembers, groups, stats, format],
  );
  const figure = (name: string, rate: number) => t('wall.chart.figure', { name, value: format.percent(rate) });

  return (
    <main className="wall-grid">
      <section className="panel panel--partners" aria-labelledby="by-partner-title">
        <header className="panel__header">
          <h2 id="by-partner-title">{t('wall.byPartner.title')}</h2>
        </header>
        <EChart
          build={byPartner}
          label={`${t('wall.byPartner.title')}${t('common.colon')}${format.list(stats.byPartner.map((row) => figure(row.partnerName, row.completionRate)))}`}
        />
      </section>
      <section className="panel panel--categories" aria-labelledby="by-category-title">
        <header className="panel__header">
          <h2 id="by-category-title">{t('wall.byCategory.title')}</h2>
        </header>
        <EChart
          build={byCategory}
          label={`${t('wall.byCategory.title')}${t('common.colon')}${format.list(stats.byCategory.map((row) => figure(t(`category.${row.category}`), row.completionRate)))}`}
        />
      </section>
      <JointListPanel
        items={board.commitments}
        kinds={kinds}
        totalCount={board.totalCount}
        partnerName={partnerName}
        partnerShortName={partnerShortName}
        changes={listChangesOf(board.feed)}
        fitted={fitted}
        turnMs={settings.turnMs}
      />
      <section className="panel panel--graph" aria-labelledby="graph-title">
        <header className="panel__header">
          <h2 id="graph-title">{t('wall.graph.title')}</h2>
          <span className="panel__meta">{counted('wall.graph.members', members.length)}</span>
        </header>
        <EChart
          build={graph}
          label={t('wall.graph.summary', { alliance: board.alliance.name, members: format.list(members.map((member) => member.name)) })}
        />
        {/* The kinds' colours (the alliance is the one in the middle). */}
        <ul className="chart-legend" aria-hidden="true">
          {groups.slice(1).map((group) => (
            <li key={group.value}>
              <span className="chart-legend__swatch" style={{ background: group.color }} />
              {group.name}
            </li>
          ))}
        </ul>
      </section>
      <ActivitiesPanel
        activities={board.activities}
        partnerName={partnerName}
        partnerShortName={partnerShortName}
        now={now}
        fitted={fitted}
      />
      <LiveFeed entries={board.feed} partnerName={partnerName} partnerShortName={partnerShortName} fitted={fitted} />
      <CobuildPanel cobuild={cobuild} fitted={fitted} />
    </main>
  );
}

interface WallProps {
  readonly board: Board;
  readonly kinds: PartnerKinds;
  readonly cobuild: CobuildWall;
  readonly alliances: readonly { id: string; name: string }[] | undefined;
  readonly settings: WallSettings;
}

/** The wall: its header and headline figures over one of its boards, which take turns unless held. */
function Wall({ board, kinds, cobuild, alliances, settings }: WallProps) {
  const turns = usePageTurns(boardNames.length, settings.cycleMs, {
    page: boardNames.indexOf(settings.board),
    stopped: !settings.cycling,
  });
  const current = boardNames[turns.page] ?? 'list';
  const now = new Date().toISOString();
  return (
    <div className="wall" data-board={current} {...turns.holdHandlers}>
      <WallHeader
        allianceId={board.alliance.id}
        allianceName={board.alliance.name}
        coordinatorName={board.alliance.coordinatorName}
        alliances={alliances}
        reloading={board.reloading}
        boards={{
          current,
          // Choosing a board stays on it; the cycle button sets the boards turning again.
          show: (name) => {
            turns.turnTo(boardNames.indexOf(name));
            if (!turns.stopped) {
              turns.toggleStopped();
            }
          },
          cycling: !turns.stopped,
          toggleCycling: turns.toggleStopped,
        }}
      />
      <KpiStrip stats={board.stats} upcoming={board.activities.filter((activity) => activity.startsAt >= now).length} />
      {current === 'list' ? (
        <ListBoard board={board} kinds={kinds} cobuild={cobuild} settings={settings} />
      ) : (
        <OverviewBoard board={board} kinds={kinds} />
      )}
    </div>
  );
}

/**
 * 数据大屏: one alliance's joint list, figures, partners and activities, live; partner kinds as the
 * API defines them. Everything it reads starts at once, side by side: the partner kinds (read by
 * the app), the board's alliance view, its list (as soon as the kinds are known), the 三张清单
 * figures and the directory of alliances.
 */
export function DashboardPage() {
  const { t } = useI18n();
  const { allianceId = '' } = useParams();
  const [search] = useSearchParams();
  const settings = useMemo(() => wallSettingsOf(search), [search]);
  const kindsState = usePartnerKinds();
  const { board, fetching, error, missing } = useBoard(allianceId, kindsState.kinds);
  const cobuild = useCobuildWall(allianceId);
  const [directory] = useQuery({ query: AllianceDirectoryDocument });
  // Drawn once everything read at the start has answered: one render of the whole wall rather than
  // one more as each part arrives (each a long task on a phone).
  const starting = cobuild.loading || (directory.fetching && !directory.data);
  if (board && kindsState.kinds && !starting) {
    return <Wall board={board} kinds={kindsState.kinds} cobuild={cobuild} alliances={directory.data?.alliances} settings={settings} />;
  }
  return (
    <div className="wall wall--empty">
      {missing ? <Notice tone="warning">{t('wall.missing')}</Notice> : null}
      {error ? <ApiErrorNotice error={error} /> : null}
      {kindsState.kinds ? fetching || starting ? <Loading /> : null : <KindsPending state={kindsState} />}
    </div>
  );
}
