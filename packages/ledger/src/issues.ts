import type { LedgerLabel } from './kinds.ts';
import { categories, categoryLabels } from './vocabulary.ts';

/**
 * A problem of one cell or row of an imported file, in both of the hub's languages. Codes come
 * from the reader (a cell it cannot read: FORMULA, WRONG_TYPE, BAD_DATE, NOT_A_NUMBER,
 * NOT_INTEGER, UNKNOWN_CATEGORY, UNKNOWN_CHOICE) or from the partner subgraph's import (the
 * commitment's rules: REQUIRED, TOO_LONG, TOO_LARGE, TOO_MANY, NEGATIVE, UNSTORABLE_TEXT,
 * EMPTY_ENTRY, DATE_ORDER, UNKNOWN_BRANCH, DUPLICATE_IN_FILE, INVALID); the alliance data's import adds
 * UNKNOWN_KIND, UNKNOWN_PARTNER (not registered in its kind's subgraph) and BAD_ID.
 */
export interface RowIssue {
  /** The column's header as the file has it (事项名称, 完成时限, …). */
  readonly column: string;
  readonly code: string;
  readonly message: LedgerLabel;
}

export interface IssueDetails {
  /** The limit broken, or the line a duplicate repeats. */
  readonly limit?: number | null;
  /** The cell's text, quoted in the message (shortened). */
  readonly value?: string;
  /** The allowed values, for an unknown choice. */
  readonly allowed?: readonly string[];
  /** The subgraph's own English message, for INVALID. */
  readonly detail?: string;
}

const quote = (value: string | undefined) => (value ?? '').slice(0, 40);

/** The Chinese and English text of an issue of `column`. */
export function issueText(code: string, column: string, details: IssueDetails = {}): LedgerLabel {
  const { limit, value, allowed, detail } = details;
  switch (code) {
    case 'REQUIRED':
      return { zh: `「${column}」不能为空`, en: `${column} must not be empty` };
    case 'TOO_LONG':
      return { zh: `「${column}」不能超过 ${limit} 个字`, en: `${column} must be at most ${limit} characters` };
    case 'TOO_LARGE':
      return { zh: `「${column}」不能大于 ${limit}`, en: `${column} must be at most ${limit}` };
    case 'TOO_MANY':
      return { zh: `「${column}」最多填 ${limit} 项`, en: `${column} may hold at most ${limit} entries` };
    case 'NEGATIVE':
      return { zh: `「${column}」不能为负数`, en: `${column} must not be negative` };
    case 'NOT_INTEGER':
      return { zh: `「${column}」应为整数`, en: `${column} must be a whole number` };
    case 'NOT_A_NUMBER':
      return { zh: `「${column}」应为数字，而不是「${quote(value)}」`, en: `${column} must be a number, not “${quote(value)}”` };
    case 'UNSTORABLE_TEXT':
      return { zh: `「${column}」含有无法保存的字符`, en: `${column} holds characters that cannot be stored` };
    case 'EMPTY_ENTRY':
      return { zh: `「${column}」中有空项`, en: `${column} holds an empty entry` };
    case 'UNKNOWN_CATEGORY':
      return {
        zh: `类别「${quote(value)}」不存在，应为：${categories.map((category) => categoryLabels[category]).join('、')}`,
        en: `There is no category “${quote(value)}”; use one of ${categories.map((category) => categoryLabels[category]).join(', ')}`,
      };
    case 'UNKNOWN_CHOICE':
      return {
        zh: `「${column}」中的「${quote(value)}」不是可选值${allowed?.length ? `，应为：${allowed.join('、')}` : ''}`,
        en: `“${quote(value)}” is not a choice of ${column}${allowed?.length ? `; use ${allowed.join(', ')}` : ''}`,
      };
    case 'BAD_DATE':
      return {
        zh: `「${column}」不是有效日期${value ? `（「${quote(value)}」）` : ''}，应如 2026-06-30`,
        en: `${column} is not a valid date${value ? ` (“${quote(value)}”)` : ''}; write it like 2026-06-30`,
      };
    case 'UNKNOWN_KIND':
      return {
        zh: `单位类型「${quote(value)}」不存在${allowed?.length ? `，应为：${allowed.join('、')}` : ''}`,
        en: `There is no partner kind “${quote(value)}”${allowed?.length ? `; use one of ${allowed.join(', ')}` : ''}`,
      };
    case 'UNKNOWN_PARTNER':
      return {
        zh: `编号为「${quote(value)}」的单位未在该类型中登记，请先登记单位`,
        en: `No partner with the id “${quote(value)}” is registered in that kind; register it first`,
      };
    case 'BAD_ID':
      return { zh: `「${column}」不是有效的单位编号（UUID）`, en: `${column} is not a valid id (a UUID)` };
    case 'DATE_ORDER':
      return { zh: '完成时限不能早于开始日期', en: 'The due date must not be before the start date' };
    case 'UNKNOWN_BRANCH':
      return {
        zh: `责任支部「${quote(value)}」不是本单位的支部`,
        en: `The branch “${quote(value)}” is not one of your own partner’s`,
      };
    case 'DUPLICATE_IN_FILE':
      return { zh: `与第 ${limit} 行重复（事项名称和完成时限相同）`, en: `Repeats line ${limit} (same title and due date)` };
    case 'FORMULA':
      return {
        zh: `「${column}」是公式，请复制后“粘贴为数值”再导入`,
        en: `${column} holds a formula; paste it as a value and import again`,
      };
    case 'WRONG_TYPE':
      return { zh: `「${column}」的内容类型不对（${quote(value)}）`, en: `${column} holds the wrong kind of value (${quote(value)})` };
    default:
      return { zh: `「${column}」不符合要求：${detail ?? code}`, en: `${column} is not valid: ${detail ?? code}` };
  }
}
