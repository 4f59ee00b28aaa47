import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { HelpList, TagList } from './HelpList.tsx';
import { helpOf, isNeed, type MyItem } from './item-kinds.ts';

/** A need's or resource's fields as a description list (what its partner's subgraph holds). */
export function ItemFacts({ item, allianceName, extra = [] }: { item: MyItem; allianceName?: string; extra?: [string, ReactNode][] }) {
  const { t, format } = useI18n();
  const facts: [string, ReactNode][] = [
    ...(allianceName ? [[t('commitment.field.allianceId'), allianceName] as [string, ReactNode]] : []),
    [t('commitment.field.category'), t(`category.${item.category}`)],
    [t(isNeed(item) ? 'cobuild.field.help' : 'cobuild.field.offers'), <HelpList key="help" help={helpOf(item)} />],
    [t('cobuild.field.tags'), <TagList key="tags" tags={item.tags} />],
    [t('cobuild.field.place'), item.place || '—'],
    ...(isNeed(item)
      ? [[t('cobuild.field.wantedBy'), format.date(item.wantedBy)] as [string, ReactNode]]
      : [
          [
            t('cobuild.field.available'),
            t('cobuild.range', { from: format.date(item.availableFrom), until: format.date(item.availableUntil) }),
          ] as [string, ReactNode],
          [t('cobuild.field.conditions'), item.conditions || '—'] as [string, ReactNode],
        ]),
    ...extra,
    [t('commitment.publishedAt'), format.dateTime(item.publishedAt)],
  ];
  if (item.withdrawReason) {
    facts.push([t('withdraw.reason'), item.withdrawReason]);
  }
  return (
    <dl className="facts">
      {facts.map(([label, value]) => (
        <div key={label} className="facts__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
