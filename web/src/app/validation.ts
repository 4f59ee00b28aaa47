import type { Translate } from '../i18n/I18nProvider.tsx';

/** Validation messages by field; a form may be sent when it is empty. */
export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** Required text of at most `max` characters (after trimming), as the server checks it. */
export function checkRequiredText(value: string, max: number, t: Translate): string | undefined {
  const text = value.trim();
  if (text.length === 0) {
    return t('validation.required');
  }
  return [...text].length > max ? t('validation.tooLong', { max }) : undefined;
}

export function checkOptionalText(value: string, max: number, t: Translate): string | undefined {
  return [...value.trim()].length > max ? t('validation.tooLong', { max }) : undefined;
}

/** A whole number from `min` to `max`; empty is allowed unless `required`. */
export function checkWholeNumber(value: string, min: number, max: number, t: Translate, required = false): string | undefined {
  if (value.trim() === '') {
    return required ? t('validation.required') : undefined;
  }
  const number = Number(value);
  return Number.isInteger(number) && number >= min && number <= max ? undefined : t('validation.wholeNumber', { min, max });
}

/** A finite number (figures may be decimal). */
export function checkNumber(value: string, t: Translate): string | undefined {
  if (value.trim() === '') {
    return t('validation.required');
  }
  return Number.isFinite(Number(value)) ? undefined : t('validation.number');
}

/** An http(s) address, as evidence links must be. */
export function checkHttpUrl(value: string, t: Translate): string | undefined {
  if (value.trim() === '') {
    return t('validation.required');
  }
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : t('validation.url');
  } catch {
    return t('validation.url');
  }
}

/** Text as a list: one item per non-empty line. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Empty text becomes null, as optional fields are cleared. */
export function orNull(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}
