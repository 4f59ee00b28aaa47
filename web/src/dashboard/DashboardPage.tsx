import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { KindsPending } from '../kinds/KindsPending.tsx';
import { usePartnerKinds } from '../kinds/PartnerKindsProvider.tsx';
import type { PartnerKinds } from '../kinds/partner-kinds.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { ActivitiesPanel } from './ActivitiesPanel.tsx';
import { CobuildPanel } from './CobuildPanel.tsx';
import { categoryCompletionOption, partnerCompletionOption, partnerGraphOption } from './chart-options.ts';
import { EChart } from './EChart.tsx';
import { JointListPanel } from './JointListPanel.tsx';
import { KpiStrip } from './KpiStrip.tsx';
import { LiveFeed } from './LiveFeed.tsx';
import { type Board, useBoard } from './useBoard.ts';
import { WallHeader } from './WallHeader.tsx';

/** How many of the latest live changes flash in the list. */
const flashing = 5;

function Wall({ board, kinds }: { board: Board; kinds: PartnerKinds }) {
  const { t, format, lang } = useI18n();
  const now = new Date().toISOString();
  const charts = useMemo(
    () => ({
      partners: partnerCompletionOption(board.stats, t, format),
      categories: categoryCompletionOption(board.stats, t, format),
      graph: partnerGraphOption(board.alliance.name, board.members, board.stats, kinds, t, format, lang),
    }),
    [board.stats, board.alliance.name, board.members, kinds, t, format, lang],
  );
  const freshIds = new Set(
    board.feed
      .filter((entry) => entry.live && entry.subject === 'commitment')
      .slice(0, flashing)
      .map((entry) => entry.subjectId),
  );
  return (
    <div className="wall">
      <WallHeader
        allianceId={board.alliance.id}
        allianceName={board.alliance.name}
        coordinatorName={board.alliance.coordinatorName}
        reloading={board.reloading}
      />
      <KpiStrip stats={board.stats} upcoming={board.activities.filter((activity) => activity.startsAt >= now).length} />
      <main className="wall-grid">
        <section className="panel panel--partners" aria-labelledby="by-partner-title">
          <header className="panel__header">
            <h2 id="by-partner-title">{t('wall.byPartner.title')}</h2>
          </header>
          <EChart option={charts.partners} label={t('wall.byPartner.title')} />
        </section>
        <section className="panel panel--categories" aria-labelledby="by-category-title">
          <header className="panel__header">
            <h2 id="by-category-title">{t('wall.byCategory.title')}</h2>
          </header>
          <EChart option={charts.categories} label={t('wall.byCategory.title')} />
        </section>
        <JointListPanel
          items={board.commitments}
          kinds={kinds}
          totalCount={board.totalCount}
          partnerName={board.partnerName}
          freshIds={freshIds}
        />
        <section className="panel panel--graph" aria-labelledby="graph-title">
          <header className="panel__header">
            <h2 id="graph-title">{t('wall.graph.title')}</h2>
            <span className="panel__meta">{t('wall.graph.members', { count: board.members.length })}</span>
          </header>
          <EChart option={charts.graph} label={t('wall.graph.title')} />
        </section>
        <ActivitiesPanel activities={board.activities} partnerName={board.partnerName} now={now} />
        <LiveFeed entries={board.feed} partnerName={board.partnerName} />
        <CobuildPanel allianceId={board.alliance.id} />
      </main>
    </div>
  );
}

function LiveWall({ allianceId, kinds }: { allianceId: string; kinds: PartnerKinds }) {
  const { t } = useI18n();
  const { board, fetching, error, missing } = useBoard(allianceId, kinds);
  if (board) {
    return <Wall board={board} kinds={kinds} />;
  }
  return (
    <div className="wall wall--empty">
      {missing ? <Notice tone="warning">{t('wall.missing')}</Notice> : null}
      {error ? <ApiErrorNotice error={error} /> : null}
      {fetching ? <Loading /> : null}
    </div>
  );
}

/** 数据大屏: one alliance's joint list, figures, partners and activities, live; partner kinds as the API defines them. */
export function DashboardPage() {
  const { allianceId = '' } = useParams();
  const state = usePartnerKinds();
  return state.kinds ? (
    <LiveWall allianceId={allianceId} kinds={state.kinds} />
  ) : (
    <div className="wall wall--empty">
      <KindsPending state={state} />
    </div>
  );
}
