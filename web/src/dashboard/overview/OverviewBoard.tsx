import type { PartnerKinds } from '../../kinds/partner-kinds.ts';
import type { Board } from '../useBoard.ts';

/** 总览: completion over time, partner ranking, activity calendar and the members' map (being built). */
export function OverviewBoard({ board }: { board: Board; kinds: PartnerKinds }) {
  return (
    <main className="wall-overview" aria-label={board.alliance.name}>
      <section className="panel" data-overview="placeholder" />
    </main>
  );
}
