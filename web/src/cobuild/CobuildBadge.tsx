import type { ClaimStatus, NeedStage, ProjectStatus } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Each value's look, borrowed from the commitment badges (blue: open, gold: under way, green: done, grey: off). */
const looks: Record<NeedStage | ClaimStatus | ProjectStatus, string> = {
  OPEN: 'published',
  CLAIMED: 'in_progress',
  IN_PROJECT: 'in_progress',
  DELIVERED: 'completed',
  CLOSED: 'completed',
  WITHDRAWN: 'withdrawn',
  PENDING: 'in_progress',
  ACCEPTED: 'completed',
  DECLINED: 'withdrawn',
  ACTIVE: 'in_progress',
};

/** A need's stage (需求阶段), a claim's or a project's status, as a coloured badge. */
export function CobuildBadge(props: { stage: NeedStage } | { claim: ClaimStatus } | { project: ProjectStatus }) {
  const { t } = useI18n();
  const [label, value] =
    'stage' in props
      ? [t(`cobuild.stage.${props.stage}`), props.stage]
      : 'claim' in props
        ? [t(`cobuild.claimStatus.${props.claim}`), props.claim]
        : [t(`cobuild.projectStatus.${props.project}`), props.project];
  return (
    <span className={`badge badge--${looks[value]}`} data-value={value}>
      {label}
    </span>
  );
}
