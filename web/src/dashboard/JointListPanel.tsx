import { useEffect, useRef } from 'react';
import { isOverdue } from '../app/commitment-rules.ts';
import type { BoardCommitmentFragment } from '../generated/graphql.ts';
import { todayIso } from '../i18n/hub-time.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { placeOf } from '../kinds/kind-values.ts';
import type { PartnerKinds } from '../kinds/partner-kinds.ts';
import { LightBadge } from '../ui/LightBadge.tsx';
import { ProgressBar } from '../ui/ProgressBar.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { wallOrder } from './board-state.ts';

interface JointListPanelProps {
  readonly items: readonly BoardCommitmentFragment[];
  /** Where an item happens comes from its kind's place field. */
  readonly kinds: PartnerKinds;
  readonly totalCount: number;
  readonly partnerName: (partnerId: string) => string;
  /** Items changed live a moment ago, to flash. */
  readonly freshIds: ReadonlySet<string>;
}

function daysLate(dueDate: string, today: string): number {
  return Math.round((Date.parse(today) - Date.parse(dueDate)) / 86_400_000);
}

/** 共建清单: every item with its status and progress; overdue items first and marked red. */
export function JointListPanel({ items, kinds, totalCount, partnerName, freshIds }: JointListPanelProps) {
  const { t, format } = useI18n();
  const today = todayIso();
  const list = useRef<HTMLOListElement>(null);
  const newest = [...freshIds][0];

  // Bring the item that just changed into view inside the list (never scrolling the page).
  useEffect(() => {
    const container = list.current;
    const row = newest ? container?.querySelector<HTMLElement>(`[data-commitment-id="${newest}"]`) : null;
    if (container && row && container.scrollHeight > container.clientHeight) {
      container.scrollTo({ top: row.offsetTop - 8, behavior: 'smooth' });
    }
  }, [newest]);

  return (
    <section className="panel panel--list" aria-labelledby="joint-list-title">
      <header className="panel__header">
        <h2 id="joint-list-title">{t('wall.list.title')}</h2>
        <span className="panel__meta">
          {items.length < totalCount
            ? t('wall.list.partial', { shown: items.length, total: totalCount })
            : t('wall.list.count', { total: totalCount })}
        </span>
      </header>
      {items.length === 0 ? <p className="panel__empty">{t('wall.list.empty')}</p> : null}
      <ol ref={list} className="joint-list" data-testid="joint-list">
        {wallOrder(items, today).map((item) => {
          const overdue = isOverdue(item, today);
          const place = placeOf(item, kinds);
          return (
            <li
              key={`${item.id}:${item.updatedAt}`}
              className={`joint-item${overdue ? ' joint-item--overdue' : ''}${freshIds.has(item.id) ? ' joint-item--fresh' : ''}`}
              data-commitment-id={item.id}
              data-status={item.status}
            >
              <div className="joint-item__main">
                <p className="joint-item__title">{item.title}</p>
                <p className="joint-item__meta">
                  <span>{partnerName(item.partnerId)}</span>
                  {item.branch ? <span>{item.branch.name}</span> : null}
                  {place ? <span>{place}</span> : null}
                </p>
              </div>
              <span className="joint-item__category">{t(`category.${item.category}`)}</span>
              <div className="joint-item__state">
                <span className="joint-item__badges">
                  <StatusBadge status={item.status} overdue={overdue} />
                  <LightBadge light={item.light} reason={item.lightReason} compact />
                </span>
                <ProgressBar percent={item.progress} overdue={overdue} />
              </div>
              <span className={`joint-item__due${overdue ? ' joint-item__due--late' : ''}`}>
                {item.dueDate ? format.date(item.dueDate) : t('commitment.noDueDate')}
                {overdue && item.dueDate ? <em>{t('wall.list.daysLate', { days: daysLate(item.dueDate, today) })}</em> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
