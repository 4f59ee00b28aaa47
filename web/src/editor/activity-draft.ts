import { checkOptionalText, checkRequiredText, type FieldErrors, orNull } from '../app/validation.ts';
import type { ActivityType, MyActivityDetailFragment } from '../generated/graphql.ts';
import { dateTimeInputValue, isoFromDateTimeInput } from '../i18n/hub-time.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';
import type { ActivityInput } from './inputs.ts';

/** The activity form's state; times as `datetime-local` inputs give them, on the hub's clock. */
export interface ActivityDraft {
  allianceId: string;
  title: string;
  type: ActivityType | '';
  startsAt: string;
  endsAt: string;
  location: string;
  description: string;
  minutes: string;
  invitedPartnerIds: string[];
  advancedCommitmentIds: string[];
}
export type ActivityField = keyof ActivityDraft;

export function emptyActivity(allianceId: string): ActivityDraft {
  return {
    allianceId,
    title: '',
    type: '',
    startsAt: '',
    endsAt: '',
    location: '',
    description: '',
    minutes: '',
    invitedPartnerIds: [],
    advancedCommitmentIds: [],
  };
}

export function draftOfActivity(activity: MyActivityDetailFragment): ActivityDraft {
  return {
    allianceId: activity.allianceId,
    title: activity.title,
    type: activity.type,
    startsAt: dateTimeInputValue(activity.startsAt),
    endsAt: dateTimeInputValue(activity.endsAt),
    location: activity.location ?? '',
    description: activity.description ?? '',
    minutes: activity.minutes ?? '',
    invitedPartnerIds: activity.invitedPartners.map((partner) => partner.id),
    advancedCommitmentIds: activity.advancedCommitments.map((commitment) => commitment.id),
  };
}

/** Checks an activity as the server will: title, type, start, an end not before the start, text lengths. */
export function validateActivity(draft: ActivityDraft, t: Translate): FieldErrors<ActivityField> {
  return {
    allianceId: draft.allianceId ? undefined : t('validation.chooseOne'),
    title: checkRequiredText(draft.title, 200, t),
    type: draft.type ? undefined : t('validation.chooseOne'),
    startsAt: draft.startsAt ? undefined : t('validation.required'),
    endsAt: draft.startsAt && draft.endsAt && draft.endsAt < draft.startsAt ? t('validation.endBeforeStart') : undefined,
    location: checkOptionalText(draft.location, 200, t),
    description: checkOptionalText(draft.description, 5000, t),
    minutes: checkOptionalText(draft.minutes, 20_000, t),
  };
}

export function activityInput(draft: ActivityDraft): ActivityInput {
  return {
    title: draft.title.trim(),
    type: draft.type || null,
    startsAt: draft.startsAt ? isoFromDateTimeInput(draft.startsAt) : null,
    endsAt: draft.endsAt ? isoFromDateTimeInput(draft.endsAt) : null,
    location: orNull(draft.location),
    description: orNull(draft.description),
    minutes: orNull(draft.minutes),
    invitedPartnerIds: draft.invitedPartnerIds,
    advancedCommitmentIds: draft.advancedCommitmentIds,
  };
}
