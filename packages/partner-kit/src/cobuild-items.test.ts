import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { validColumns } from './cobuild-items.ts';
import { needs } from './needs.ts';
import { resources } from './resources.ts';

/** The extensions of the BAD_USER_INPUT `work` throws. */
function refusal(work: () => unknown) {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return { message: (error as GraphQLError).message, ...(error as GraphQLError).extensions };
  }
  throw new Error('expected BAD_USER_INPUT');
}

const need = { title: ' 便道养护志愿者 ', category: 'SHARED_RESPONSIBILITY', help: [{ kind: 'PEOPLE', amount: 10, unit: '人' }] };

describe('validColumns (a whole need or resource through @hub/cobuild’s rules)', () => {
  it('gives every editable column: trimmed texts, empty optional texts as null, help with amount and unit always present', () => {
    const columns = validColumns(needs, { ...need, description: '  ', tags: ['便道', '便道'], help: [{ kind: 'FUNDS' }] });
    expect(columns).toEqual({
      title: '便道养护志愿者',
      description: null,
      category: 'SHARED_RESPONSIBILITY',
      tags: ['便道'],
      place: null,
      wantedBy: null,
      help: [{ kind: 'FUNDS', amount: null, unit: null }],
    });
  });

  it('names a missing required field as REQUIRED', () => {
    expect(refusal(() => validColumns(needs, { category: 'ORGANIZATION', help: [{ kind: 'VENUE' }] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'title',
      reason: 'REQUIRED',
      message: 'title is required',
    });
    expect(refusal(() => validColumns(resources, { title: '会议室', category: 'ORGANIZATION' }))).toMatchObject({ field: 'offers' });
  });

  it('reports the dotted field of a nested problem and the limit broken', () => {
    expect(refusal(() => validColumns(needs, { ...need, help: [{ kind: 'PEOPLE', amount: 0 }] }))).toMatchObject({
      field: 'help.0.amount',
      message: 'help.0.amount must be more than 0',
    });
    const tags = Array.from({ length: 11 }, (_, index) => `标签${index}`);
    expect(refusal(() => validColumns(needs, { ...need, tags }))).toMatchObject({ field: 'tags', reason: 'TOO_MANY', limit: 10 });
    expect(refusal(() => validColumns(needs, { ...need, title: '长'.repeat(201) }))).toMatchObject({
      field: 'title',
      reason: 'TOO_LONG',
      limit: 200,
    });
  });

  it('checks rules across fields (a resource must not end before it starts)', () => {
    const resource = { title: '会议室', category: 'ORGANIZATION', offers: [{ kind: 'VENUE' }] };
    expect(
      refusal(() => validColumns(resources, { ...resource, availableFrom: '2026-12-01', availableUntil: '2026-11-30' })),
    ).toMatchObject({
      field: 'availableUntil',
    });
  });
});
