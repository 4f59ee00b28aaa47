import type { MyNeedDetailFragment, MyNeedFragment, MyResourceDetailFragment, MyResourceFragment } from '../generated/graphql.ts';

/** 需求 or 资源: the two lists a partner keeps in its own subgraph, written and shown alike. */
export type ItemEntity = 'need' | 'resource';

export type MyItem = MyNeedFragment | MyResourceFragment;
export type MyItemDetail = MyNeedDetailFragment | MyResourceDetailFragment;

export function isNeed(item: MyItem): item is MyNeedFragment {
  return 'help' in item;
}

/** The help a need asks for or a resource offers. */
export function helpOf(item: MyItem) {
  return isNeed(item) ? item.help : item.offers;
}

/** Where the editor's pages of each list live. */
export function myItemsPath(entity: ItemEntity): string {
  return entity === 'need' ? '/my/needs' : '/my/resources';
}
