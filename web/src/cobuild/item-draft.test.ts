import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { createFormat } from '../i18n/format.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';
import { apiFieldErrors, formField } from './form-errors.ts';
import { emptyItemDraft, needInputOf, resourceInputOf, tagsOf, validateItem } from './item-draft.ts';
import { reasonText } from './match-reasons.ts';

const t: Translate = (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);

describe('a need or resource in the form', () => {
  const need = {
    ...emptyItemDraft('alliance-1'),
    title: ' 高边坡安全指导 ',
    category: 'WORK_LINKAGE' as const,
    tags: '高边坡，安全 、监测  ',
    wantedBy: '2027-03-31',
    help: [{ kind: 'EXPERTISE' as const, amount: '3', unit: '人' }],
  };

  it('sends every field, tags split and amounts as numbers, so a cleared field is cleared', () => {
    expect(needInputOf(need)).toEqual({
      title: '高边坡安全指导',
      description: null,
      category: 'WORK_LINKAGE',
      tags: ['高边坡', '安全', '监测'],
      place: null,
      wantedBy: '2027-03-31',
      help: [{ kind: 'EXPERTISE', amount: 3, unit: '人' }],
    });
    expect(resourceInputOf({ ...need, help: [{ kind: 'FUNDS', amount: '', unit: '' }] }).offers).toEqual([
      { kind: 'FUNDS', amount: null, unit: null },
    ]);
    expect(tagsOf(' a,b；c  d ')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('takes a need the rules take', () => {
    expect(Object.values(validateItem('need', need, t)).filter(Boolean)).toEqual([]);
  });

  it('says what is wrong beside each field, as the API’s rules do', () => {
    const errors = validateItem(
      'need',
      {
        ...emptyItemDraft(''),
        tags: 'x'.repeat(31),
        help: [
          { kind: '', amount: '-1', unit: '' },
          { kind: '', amount: 'abc', unit: '' },
        ],
      },
      t,
    );
    expect(errors).toMatchObject({
      allianceId: 'validation.chooseOne',
      title: 'validation.required',
      category: 'validation.chooseOne',
      tags: 'validation.tooLong {"max":30}',
      'help.0.kind': 'validation.chooseOne',
      'help.0.amount': 'cobuild.validation.positive',
      'help.1.amount': 'validation.number',
    });
  });

  it('refuses a resource that ends before it starts, under its end, and a resource with no help', () => {
    const errors = validateItem('resource', { ...need, availableFrom: '2027-02-01', availableUntil: '2027-01-01', help: [] }, t);
    expect(errors.availableUntil).toBe('validation.endBeforeStart');
    expect(errors.help).toBe('cobuild.validation.helpNeeded');
  });

  it('puts the API’s BAD_USER_INPUT beside the field it names, offers as help', () => {
    const error = new CombinedError({
      graphQLErrors: [
        { message: 'offers.0.amount must be more than 0', extensions: { code: 'BAD_USER_INPUT', field: 'offers.0.amount' } },
        { message: 'allianceId is not one of your alliances', extensions: { code: 'BAD_USER_INPUT', field: 'allianceId' } },
      ],
    });
    expect(apiFieldErrors(error, t)).toEqual({
      'help.0.amount': 'cobuild.validation.positive',
      allianceId: 'allianceId is not one of your alliances',
    });
    expect(formField('tags.3')).toBe('tags');
  });
});

describe('a match’s reasons in words', () => {
  const format = createFormat('zh-CN');

  it('names categories and kinds of help, and reads the window as dates', () => {
    expect(reasonText({ code: 'SAME_CATEGORY', detail: 'WORK_LINKAGE' }, t, format)).toBe(
      'cobuild.reason.SAME_CATEGORY {"detail":"category.WORK_LINKAGE"}',
    );
    expect(reasonText({ code: 'HELP_KIND', detail: 'EXPERTISE,FUNDS' }, t, format)).toBe(
      'cobuild.reason.HELP_KIND {"detail":"helpKind.EXPERTISE、helpKind.FUNDS"}',
    );
    expect(reasonText({ code: 'IN_TIME', detail: '2026-04-01..' }, t, format)).toContain('2026年4月1日');
    expect(reasonText({ code: 'SAME_PLACE' }, t, format)).toBe('cobuild.reason.SAME_PLACE.plain');
  });
});
