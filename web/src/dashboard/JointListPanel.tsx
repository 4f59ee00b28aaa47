import { useMemo, useRef } from 'react';
import { isOverdue } from '../app/commitment-rules.ts';
import type { BoardCommitmentFragment } from '../generated/graphql.ts';
import { todayIso } from '../i18n/hub-time.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { placeOf } from '../kinds/kind-values.ts';
import type { PartnerKinds } from '../kinds/partner-kinds.ts';
import { LightBadge } from '../ui/LightBadge.tsx';
import { ProgressBar } from '../ui/ProgressBar.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { type ListChange, wallOrder } from './board-state.ts';
import { pagesOf } from './list-pages.ts';
import { PartnerName } from './PartnerName.tsx';
import { useListHighlights } from './useListHighlights.ts';
import { usePageTurns } from './usePageTurns.ts';
import { useRowsThatFit } from './wall-layout.ts';
import { useWallText } from './wall-text.ts';

interface JointListPanelProps {
  /** The items on the list (withdrawn ones left out). */
  readonly items: readonly BoardCommitmentFragment[];
  /** Where an item happens comes from its kind's place field. */
  readonly kinds: PartnerKinds;
  readonly totalCount: number;
  readonly partnerName: (partnerId: string) => string;
  readonly partnerShortName: (partnerId: string) => string;
  /** Live changes to items, newest first. */
  readonly changes: readonly ListChange[];
  /** The wall fills the screen: the list shows what fits and turns its pages. */
  readonly fitted: boolean;
  /** How long a page shows. */
  readonly turnMs: number;
}

function daysLate(dueDate: string, today: string): number {
  return Math.round((Date.parse(today) - Date.parse(dueDate)) / 86_400_000);
}

/**
 * 共建清单: every item on the list with its status and progress. Overdue items are marked red and
 * pinned on top; the others turn over page by page (as many rows as fit), holding while a person
 * points at, touches or focuses the list. A live change lights its row when its page shows; a note
 * counts the changes on other pages meanwhile.
 */
export function JointListPanel(props: JointListPanelProps) {
  const { items, kinds, totalCount, partnerName, partnerShortName, changes, fitted, turnMs } = props;
  const { t, format } = useI18n();
  const { counted } = useWallText();
  const today = todayIso();
  const list = useRef<HTMLOListElement>(null);
  const rows = useRowsThatFit(list, fitted);
  const pages = useMemo(() => {
    const ordered = wallOrder(items, today);
    const overdue = ordered.filter((item) => isOverdue(item, today));
    return pagesOf(
      overdue,
      ordered.filter((item) => !overdue.includes(item)),
      rows,
    );
  }, [items, today, rows]);
  const turns = usePageTurns(pages.length, turnMs);
  const page = pages[turns.page] ?? { pinned: [], rest: [] };
  const shown = [...page.pinned, ...page.rest];
  const highlights = useListHighlights(
    changes,
    shown.map((item) => item.id),
    items.map((item) => item.id),
  );
  return (
    <section className="panel panel--list" aria-labelledby="joint-list-title" {...turns.holdHandlers}>
      <header className="panel__header">
        <h2 id="joint-list-title">{t('wall.list.title')}</h2>
        {highlights.waiting > 0 ? (
          <span className="joint-list__updates" data-testid="joint-list-updates" title={t('wall.list.updatesHint')}>
            {counted('wall.list.updates', highlights.waiting)}
          </span>
        ) : null}
        <span className="panel__meta" data-testid="joint-list-count">
          {items.length < totalCount
            ? t('wall.list.partial', { shown: format.number(items.length), total: format.number(totalCount) })
            : counted('wall.list.count', totalCount)}
        </span>
      </header>
      {items.length === 0 ? <p className="panel__empty">{t('wall.list.empty')}</p> : null}
      <ol ref={list} className="joint-list" data-testid="joint-list">
        {shown.map((item) => {
          const overdue = isOverdue(item, today);
          const place = placeOf(item, kinds);
          const pinned = page.pinned.includes(item);
          return (
            <li
              // A new page's rows come in anew (and together), so the page reads as turned.
              key={pinned ? item.id : `${turns.page}:${item.id}`}
              className={`joint-item${overdue ? ' joint-item--overdue' : ''}${pinned ? '' : ' joint-item--turning'}${
                highlights.lit.has(item.id) ? ' joint-item--fresh' : ''
              }`}
              data-commitment-id={item.id}
              data-status={item.status}
              data-pinned={pinned || undefined}
            >
              <div className="joint-item__main">
                <p className="joint-item__title" title={item.title}>
                  {item.title}
                </p>
                <p className="joint-item__meta">
                  <span className="joint-item__category">{t(`category.${item.category}`)}</span>
                  <PartnerName short={partnerShortName(item.partnerId)} full={partnerName(item.partnerId)} />
                  {item.branch ? <span>{item.branch.name}</span> : null}
                  {place ? <span>{place}</span> : null}
                </p>
              </div>
              <div className="joint-item__state">
                <span className="joint-item__badges">
                  <StatusBadge status={item.status} overdue={overdue} />
                  <LightBadge light={item.light} reason={item.lightReason} compact />
                </span>
                <ProgressBar percent={item.progress} overdue={overdue} />
              </div>
              <span className={`joint-item__due${overdue ? ' joint-item__due--late' : ''}`}>
                {item.dueDate ? format.date(item.dueDate) : t('commitment.noDueDate')}
                {overdue && item.dueDate ? <em>{counted('wall.list.daysLate', daysLate(item.dueDate, today))}</em> : null}
              </span>
            </li>
          );
        })}
      </ol>
      {pages.length > 1 ? (
        <fieldset className="joint-list__pager" aria-label={t('wall.list.pages')}>
          <button type="button" className="wall-button" onClick={turns.previous} aria-label={t('wall.list.previous')}>
            <span aria-hidden="true">‹</span>
          </button>
          <span className="joint-list__page" data-testid="joint-list-page" data-page={turns.page} data-pages={pages.length}>
            {t('wall.list.page', { page: format.number(turns.page + 1), count: format.number(pages.length) })}
          </span>
          <span className="joint-list__dots" aria-hidden="true">
            {pages.map((_, index) => (
              <span key={index} className={index === turns.page ? 'is-current' : undefined} />
            ))}
          </span>
          <button type="button" className="wall-button" onClick={turns.next} aria-label={t('wall.list.next')}>
            <span aria-hidden="true">›</span>
          </button>
          <button type="button" className="wall-button" onClick={turns.toggleStopped} data-testid="joint-list-stop">
            {turns.stopped ? t('wall.list.resume') : t('wall.list.pause')}
          </button>
        </fieldset>
      ) : null}
    </section>
  );
}
