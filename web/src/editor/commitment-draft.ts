import { checkOptionalText, checkRequiredText, checkWholeNumber, type FieldErrors, lines, orNull } from '../app/validation.ts';
import type {
  Category,
  CreateCommitmentMutationVariables,
  Guarantee,
  JointAction,
  MyCommitmentFragment,
  PartnerKind,
} from '../generated/graphql.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';

/** The commitment form's state: text as typed, lists as lines, the kind's own fields included. */
export interface CommitmentDraft {
  allianceId: string;
  title: string;
  description: string;
  category: Category | '';
  startDate: string;
  dueDate: string;
  branchId: string;
  /** ENTERPRISE */
  project: string;
  site: string;
  pioneerPosts: string;
  responsibilityZones: string;
  /** TOWN_VILLAGE */
  village: string;
  householdsServed: string;
  landAcquisitionTasks: string;
  /** UNIVERSITY */
  institute: string;
  researchTopic: string;
  /** TRAFFIC_POLICE */
  roadSection: string;
  guarantees: Guarantee[];
  jointActions: JointAction[];
}
export type CommitmentField = keyof CommitmentDraft;

export function emptyDraft(allianceId: string): CommitmentDraft {
  return {
    allianceId,
    title: '',
    description: '',
    category: '',
    startDate: '',
    dueDate: '',
    branchId: '',
    project: '',
    site: '',
    pioneerPosts: '',
    responsibilityZones: '',
    village: '',
    householdsServed: '',
    landAcquisitionTasks: '',
    institute: '',
    researchTopic: '',
    roadSection: '',
    guarantees: [],
    jointActions: [],
  };
}

/** The form state of an existing commitment, for editing. */
export function draftOf(commitment: MyCommitmentFragment): CommitmentDraft {
  const draft: CommitmentDraft = {
    ...emptyDraft(commitment.allianceId),
    title: commitment.title,
    description: commitment.description ?? '',
    category: commitment.category,
    startDate: commitment.startDate ?? '',
    dueDate: commitment.dueDate ?? '',
    branchId: commitment.branch?.id ?? '',
  };
  switch (commitment.__typename) {
    case 'EnterpriseCommitment':
      return {
        ...draft,
        project: commitment.project,
        site: commitment.site ?? '',
        pioneerPosts: String(commitment.pioneerPosts),
        responsibilityZones: commitment.responsibilityZones.join('\n'),
      };
    case 'TownVillageCommitment':
      return {
        ...draft,
        village: commitment.village,
        householdsServed: commitment.householdsServed === null ? '' : String(commitment.householdsServed),
        landAcquisitionTasks: commitment.landAcquisitionTasks.join('\n'),
      };
    case 'UniversityCommitment':
      return { ...draft, institute: commitment.institute, researchTopic: commitment.researchTopic ?? '' };
    case 'TrafficPoliceCommitment':
      return { ...draft, roadSection: commitment.roadSection, guarantees: commitment.guarantees, jointActions: commitment.jointActions };
  }
}

/** The field that names where a commitment happens, required by each kind. */
export const placeFieldOf: Record<PartnerKind, 'project' | 'village' | 'institute' | 'roadSection'> = {
  ENTERPRISE: 'project',
  TOWN_VILLAGE: 'village',
  UNIVERSITY: 'institute',
  TRAFFIC_POLICE: 'roadSection',
};

/** Checks the draft as the server will (and a due date, which the list is tracked by), in the reader's language. */
export function validateCommitment(draft: CommitmentDraft, kind: PartnerKind, t: Translate): FieldErrors<CommitmentField> {
  const errors: FieldErrors<CommitmentField> = {
    allianceId: draft.allianceId ? undefined : t('validation.chooseOne'),
    title: checkRequiredText(draft.title, 200, t),
    description: checkOptionalText(draft.description, 5000, t),
    category: draft.category ? undefined : t('validation.chooseOne'),
    dueDate: draft.dueDate ? undefined : t('validation.required'),
    [placeFieldOf[kind]]: checkRequiredText(draft[placeFieldOf[kind]], 200, t),
  };
  if (draft.startDate && draft.dueDate && draft.dueDate < draft.startDate) {
    errors.dueDate = t('validation.dueBeforeStart');
  }
  if (kind === 'ENTERPRISE') {
    errors.site = checkOptionalText(draft.site, 200, t);
    errors.pioneerPosts = checkWholeNumber(draft.pioneerPosts, 0, 10_000, t);
    errors.responsibilityZones = lines(draft.responsibilityZones).some((zone) => [...zone].length > 100)
      ? t('validation.lineTooLong', { max: 100 })
      : undefined;
  }
  if (kind === 'TOWN_VILLAGE') {
    errors.householdsServed = checkWholeNumber(draft.householdsServed, 0, 1_000_000, t);
  }
  if (kind === 'UNIVERSITY') {
    errors.researchTopic = checkOptionalText(draft.researchTopic, 500, t);
  }
  return errors;
}

type CommitmentInputs = Pick<
  CreateCommitmentMutationVariables,
  'enterpriseInput' | 'townVillageInput' | 'universityInput' | 'trafficPoliceInput'
>;

/** The draft as the input of the kind's namespace (the other three stay unset). */
export function commitmentInputs(draft: CommitmentDraft, kind: PartnerKind): CommitmentInputs {
  const common = {
    title: draft.title.trim(),
    description: orNull(draft.description),
    category: draft.category || null,
    startDate: orNull(draft.startDate),
    dueDate: orNull(draft.dueDate),
    branchId: orNull(draft.branchId),
  };
  const count = (text: string) => (text.trim() === '' ? null : Number(text));
  switch (kind) {
    case 'ENTERPRISE':
      return {
        enterpriseInput: {
          ...common,
          project: draft.project.trim(),
          site: orNull(draft.site),
          pioneerPosts: count(draft.pioneerPosts) ?? 0,
          responsibilityZones: lines(draft.responsibilityZones),
        },
      };
    case 'TOWN_VILLAGE':
      return {
        townVillageInput: {
          ...common,
          village: draft.village.trim(),
          householdsServed: count(draft.householdsServed),
          landAcquisitionTasks: lines(draft.landAcquisitionTasks),
        },
      };
    case 'UNIVERSITY':
      return { universityInput: { ...common, institute: draft.institute.trim(), researchTopic: orNull(draft.researchTopic) } };
    case 'TRAFFIC_POLICE':
      return {
        trafficPoliceInput: {
          ...common,
          roadSection: draft.roadSection.trim(),
          guarantees: draft.guarantees,
          jointActions: draft.jointActions,
        },
      };
  }
}
