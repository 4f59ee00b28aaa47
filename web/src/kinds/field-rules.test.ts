import { describe, expect, it } from 'vitest';
import type { Translate } from '../i18n/I18nProvider.tsx';
import { fieldProblem } from './field-rules.ts';
import type { KindField } from './partner-kinds.ts';
import { hospital } from './test-kind.ts';

/** Messages as their key and parameters, to see which one a refusal got. */
const t: Translate = (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);
const field = (name: string): KindField => {
  const found = hospital.fields.find((candidate) => candidate.name === name);
  if (!found) {
    throw new Error(name);
  }
  return found;
};

describe('a kind field checked with the API’s rule, in the reader’s words', () => {
  it('takes what the rule takes', () => {
    expect(fieldProblem(field('ward'), ' 三病区 ', t)).toBeUndefined();
    expect(fieldProblem(field('beds'), null, t)).toBeUndefined();
    expect(fieldProblem(field('beds'), 500, t)).toBeUndefined();
    expect(fieldProblem(field('clinics'), ['东门', '东门'], t)).toBeUndefined();
    expect(fieldProblem(field('services'), ['FIRST_AID'], t)).toBeUndefined();
  });

  it('names what a text refuses', () => {
    expect(fieldProblem(field('ward'), '  ', t)).toBe('validation.required');
    expect(fieldProblem(field('ward'), '一二三四五六七八九十一', t)).toBe('validation.tooLong {"max":10}');
    expect(fieldProblem(field('ward'), 'a\u0000', t)).toBe('validation.badCharacters');
  });

  it('names what a count refuses', () => {
    expect(fieldProblem(field('beds'), 501, t)).toBe('validation.atMost {"max":500}');
    expect(fieldProblem(field('beds'), -1, t)).toBe('validation.atLeast {"min":0}');
    expect(fieldProblem(field('beds'), 1.5, t)).toBe('validation.wholeNumberOnly');
    expect(fieldProblem(field('beds'), Number.NaN, t)).toBe('validation.number');
  });

  it('names what a list or a choice refuses', () => {
    expect(fieldProblem(field('clinics'), ['一', '二', '三'], t)).toBe('validation.tooManyItems {"max":2}');
    expect(fieldProblem(field('clinics'), ['一二三四五六'], t)).toBe('validation.lineTooLong {"max":5}');
    expect(fieldProblem(field('clinics'), [''], t)).toBe('validation.emptyLine');
    expect(fieldProblem(field('services'), ['SURGERY'], t)).toBe('validation.chooseListed');
  });
});
