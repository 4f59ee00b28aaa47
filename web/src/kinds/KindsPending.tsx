import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import type { PartnerKindsState } from './PartnerKindsProvider.tsx';

/** What a page that needs the partner kinds shows until they are known: why not, or that they load. */
export function KindsPending({ state }: { state: PartnerKindsState }) {
  return state.error && !state.fetching ? <ApiErrorNotice error={state.error} /> : <Loading />;
}
