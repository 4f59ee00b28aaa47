import { checkOptionalText, checkRequiredText } from '../app/validation.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';

/** The longest message, explanation or note, as the alliance checks it. */
export const maxReminderText = 2000;

/** A required day (`YYYY-MM-DD` from a date input) not before `today`, as reply-by dates must be. */
export function checkDayFromToday(value: string, today: string, t: Translate, required: boolean): string | undefined {
  if (value === '') {
    return required ? t('validation.required') : undefined;
  }
  return value < today ? t('validation.notPast') : undefined;
}

export function checkReminderText(value: string, t: Translate): string | undefined {
  return checkRequiredText(value, maxReminderText, t);
}

export function checkNote(value: string, t: Translate, required: boolean): string | undefined {
  return required ? checkRequiredText(value, maxReminderText, t) : checkOptionalText(value, maxReminderText, t);
}
