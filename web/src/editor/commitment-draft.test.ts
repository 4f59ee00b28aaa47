import { describe, expect, it } from 'vitest';
import type { MyCommitmentFragment } from '../generated/graphql.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';
import { hospital } from '../kinds/test-kind.ts';
import { commitmentInput, draftOf, emptyDraft, validateCommitment } from './commitment-draft.ts';

const t: Translate = (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);

describe('a commitment of any kind in the form', () => {
  const filled = {
    ...emptyDraft('alliance-1', hospital),
    title: '义诊进工地',
    category: 'WORK_LINKAGE' as const,
    dueDate: '2027-01-31',
    own: { ward: ' 三病区 ', beds: '12', clinics: '东门\n\n西门\n', services: ['CHECK_UP'] },
  };

  it('starts with the kind’s own fields empty', () => {
    expect(emptyDraft('alliance-1', hospital).own).toEqual({ ward: '', beds: '', clinics: '', services: [] });
  });

  it('sends the kind’s own fields as the API takes them', () => {
    expect(commitmentInput(filled, hospital)).toEqual({
      title: '义诊进工地',
      description: null,
      category: 'WORK_LINKAGE',
      startDate: null,
      dueDate: '2027-01-31',
      branchId: null,
      ward: ' 三病区 ',
      beds: 12,
      clinics: ['东门', '西门'],
      services: ['CHECK_UP'],
    });
    expect(commitmentInput({ ...filled, own: { ...filled.own, beds: ' ' } }, hospital).beds).toBeNull();
  });

  it('checks the kind’s own fields with their rules, by field name', () => {
    expect(Object.values(validateCommitment(filled, hospital, t)).filter(Boolean)).toEqual([]);
    const errors = validateCommitment({ ...filled, own: { ...filled.own, ward: '', beds: '501' } }, hospital, t);
    expect(errors.ward).toBe('validation.required');
    expect(errors.beds).toBe('validation.atMost {"max":500}');
  });

  it('reads an existing commitment’s own fields back into the form', () => {
    const commitment = {
      __typename: 'HospitalCommitment',
      id: 'c1',
      allianceId: 'alliance-1',
      title: '义诊',
      description: null,
      category: 'WORK_LINKAGE',
      startDate: null,
      dueDate: '2027-01-31',
      branch: null,
      ward: '三病区',
      beds: null,
      clinics: ['东门', '西门'],
      services: ['FIRST_AID'],
    } as unknown as MyCommitmentFragment;
    expect(draftOf(commitment, hospital).own).toEqual({ ward: '三病区', beds: '', clinics: '东门\n西门', services: ['FIRST_AID'] });
  });
});
