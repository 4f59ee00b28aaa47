import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ownFieldsOf, placeFieldsOf, withKindFields } from './kind-selections.ts';
import { hospital } from './test-kind.ts';

const document = parse('query Q { items { ...Item } } fragment Item on Commitment { id }');

describe('reading a kind’s own fields in a typed operation', () => {
  it('adds an inline fragment per kind to the named fragment', () => {
    const widened = withKindFields(document, 'Item', [ownFieldsOf(hospital)]);
    expect(print(widened)).toContain(
      'fragment Item on Commitment {\n  id\n  ... on HospitalCommitment {\n    ward\n    beds\n    clinics\n    services\n  }\n}',
    );
    expect(print(document)).not.toContain('HospitalCommitment');
  });

  it('reads only the place of each kind that has one', () => {
    const withoutPlace = { ...hospital, kind: 'CLINIC', typePrefix: 'Clinic', placeField: null };
    expect(placeFieldsOf([hospital, withoutPlace])).toEqual([{ typename: 'HospitalCommitment', fields: ['ward'] }]);
  });

  it('gives the same document for the same fields, so urql sees one operation', () => {
    const first = withKindFields(document, 'Item', placeFieldsOf([hospital]));
    expect(withKindFields(document, 'Item', placeFieldsOf([{ ...hospital }]))).toBe(first);
    expect(withKindFields(document, 'Item', [])).not.toBe(first);
  });

  it('makes a new document, not a copy of what urql noted on the original (its key and text)', () => {
    const keyed = Object.assign(parse('fragment Item on Commitment { id }'), { __key: 42 });
    const widened = withKindFields(keyed, 'Item', [ownFieldsOf(hospital)]);
    expect(widened).not.toHaveProperty('__key');
    expect(widened).not.toHaveProperty('loc');
  });

  it('refuses a fragment the document does not have', () => {
    expect(() => withKindFields(document, 'Other', [])).toThrow('no fragment Other');
  });
});
