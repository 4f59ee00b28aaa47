import { checkHttpUrl, checkNumber, checkOptionalText, checkRequiredText, checkWholeNumber, type FieldErrors } from '../app/validation.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';
import type { ProgressInput } from './inputs.ts';

/** The progress form's state: percent and text, evidence links and measured figures as rows. */
export interface ProgressDraft {
  percent: string;
  text: string;
  evidence: { label: string; url: string }[];
  figures: { label: string; value: string; unit: string }[];
}

/** Errors by field; rows by `evidence.<row>.<field>` and `figures.<row>.<field>`. */
export type ProgressErrors = FieldErrors;

export function emptyProgress(currentPercent: number): ProgressDraft {
  return { percent: String(currentPercent), text: '', evidence: [], figures: [] };
}

/** Checks a progress report as the server will (percent 0-100, text, http(s) evidence, numeric figures). */
export function validateProgress(draft: ProgressDraft, t: Translate): ProgressErrors {
  const errors: ProgressErrors = {
    percent: checkWholeNumber(draft.percent, 0, 100, t, true),
    text: checkRequiredText(draft.text, 2000, t),
  };
  draft.evidence.forEach((row, index) => {
    errors[`evidence.${index}.label`] = checkRequiredText(row.label, 100, t);
    errors[`evidence.${index}.url`] = checkHttpUrl(row.url, t);
  });
  draft.figures.forEach((row, index) => {
    errors[`figures.${index}.label`] = checkRequiredText(row.label, 100, t);
    errors[`figures.${index}.value`] = checkNumber(row.value, t);
    errors[`figures.${index}.unit`] = checkOptionalText(row.unit, 20, t);
  });
  return errors;
}

export function progressInput(draft: ProgressDraft): ProgressInput {
  return {
    percent: Number(draft.percent),
    text: draft.text.trim(),
    evidence: draft.evidence.map((row) => ({ label: row.label.trim(), url: row.url.trim() })),
    figures: draft.figures.map((row) => ({ label: row.label.trim(), value: Number(row.value), unit: row.unit.trim() || null })),
  };
}
