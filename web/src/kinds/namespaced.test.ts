import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { inNamespace, namespaced } from './namespaced.ts';
import { hospital } from './test-kind.ts';

const fragment = parse('fragment Mine on Commitment { id } fragment Other on Commitment { title }');
const create = namespaced<{ create: { id: string } }, { input: unknown }>({
  operation: 'mutation',
  name: 'Create',
  variables: (kind) => `$input: ${kind.typePrefix}CommitmentInput!`,
  body: 'createCommitment(input: $input) { ...Mine }',
  fragments: () => [fragment, fragment],
});

describe('an operation written once for every kind', () => {
  it('goes to the kind’s namespace with its types, carrying each fragment once', () => {
    const printed = print(create(hospital));
    expect(printed).toContain(
      'mutation Create($input: HospitalCommitmentInput!) {\n  hospital {\n    createCommitment(input: $input) {\n      ...Mine',
    );
    expect(printed.match(/fragment Mine/g)).toHaveLength(1);
  });

  it('carries no location, whose text would lack the fragments', () => {
    expect(create(hospital)).not.toHaveProperty('loc');
  });

  it('is built once per kind', () => {
    expect(create({ ...hospital })).toBe(create(hospital));
    expect(create({ ...hospital, namespace: 'clinic', typePrefix: 'Clinic' })).not.toBe(create(hospital));
  });

  it('picks the answer out of the kind’s namespace', () => {
    expect(inNamespace({ hospital: { create: { id: '1' } } }, hospital)).toEqual({ create: { id: '1' } });
    expect(inNamespace(undefined, hospital)).toBeNull();
  });
});
