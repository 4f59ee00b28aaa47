import { type Caller, type Outcome, ok, outcome, type PartnerKindName, partnerKinds } from './publishing.ts';

/**
 * Helpers for the 三张清单 tests: a partner editor's desk for needs and resources (the `<kind>`
 * namespace of its own subgraph) and the alliance's side (matches, claims, projects), every
 * call through the gateway as a user's would be.
 */

export const needFields = /* GraphQL */ `
  __typename id allianceId partnerId title description category tags place wantedBy
  help { kind amount unit } status publishedAt updatedAt version
  history { actor at field oldValue newValue }
`;

export const resourceFields = /* GraphQL */ `
  __typename id allianceId partnerId title description category tags place availableFrom availableUntil
  offers { kind amount unit } conditions status publishedAt updatedAt version
  history { actor at field oldValue newValue }
`;

export const claimFields = /* GraphQL */ `
  id needId claimantPartnerId resourceId proposal status note createdBy createdAt decidedAt version
`;

export const projectFields = /* GraphQL */ `
  id allianceId title needingPartnerId givingPartnerId status createdAt deliveredAt closedAt version
  need { id title } resource { id title } claim { id status }
  commitments { __typename id ... on Commitment { partnerId title status } }
  evaluation { satisfaction comment evaluatedBy evaluatedAt }
  history { at actor action detail }
`;

type ItemKind = 'Need' | 'Resource';

/** A partner editor's needs and resources, in its kind's namespace; refusals come back as outcomes. */
export class CobuildDesk {
  private readonly ns: string;

  constructor(
    readonly caller: Caller,
    readonly kind: PartnerKindName,
  ) {
    this.ns = partnerKinds[kind].namespace;
  }

  create(item: ItemKind, allianceId: string, input: Record<string, unknown>): Promise<Outcome> {
    return this.mutate(
      `create${item}`,
      `($allianceId: ID!, $input: ${item}Input!) { ${this.ns} { create${item}(allianceId: $allianceId, input: $input) { ${fieldsOf(item)} } } }`,
      { allianceId, input },
    );
  }

  update(item: ItemKind, id: string, version: number, input: Record<string, unknown>): Promise<Outcome> {
    return this.mutate(
      `update${item}`,
      `($id: ID!, $version: Int!, $input: ${item}Input!) { ${this.ns} { update${item}(id: $id, version: $version, input: $input) { ${fieldsOf(item)} } } }`,
      { id, version, input },
    );
  }

  publish(item: ItemKind, id: string, version: number): Promise<Outcome> {
    return this.mutate(
      `publish${item}`,
      `($id: ID!, $version: Int!) { ${this.ns} { publish${item}(id: $id, version: $version) { ${fieldsOf(item)} } } }`,
      { id, version },
    );
  }

  withdraw(item: ItemKind, id: string, version: number, reason: string): Promise<Outcome> {
    return this.mutate(
      `withdraw${item}`,
      `($id: ID!, $version: Int!, $reason: String!) { ${this.ns} { withdraw${item}(id: $id, version: $version, reason: $reason) { ${fieldsOf(item)} } } }`,
      { id, version, reason },
    );
  }

  /** The item as this caller may see it in the partner's own subgraph (drafts only for its editors). */
  read(item: ItemKind, id: string): Promise<Outcome> {
    const field = item === 'Need' ? 'need' : 'resource';
    return outcome(this.caller, [this.ns, field], `query($id: ID!) { ${this.ns} { ${field}(id: $id) { ${fieldsOf(item)} } } }`, { id });
  }

  /** Creates a draft and publishes it; returns the published item. */
  async publishNew(item: ItemKind, allianceId: string, input: Record<string, unknown>): Promise<any> {
    const draft = ok(await this.create(item, allianceId, input));
    return ok(await this.publish(item, draft.id, draft.version));
  }

  private mutate(field: string, signature: string, variables: Record<string, unknown>): Promise<Outcome> {
    return outcome(this.caller, [this.ns, field], `mutation${signature}`, variables);
  }
}

function fieldsOf(item: ItemKind): string {
  return item === 'Need' ? needFields : resourceFields;
}

/** A need as the alliance sees it: its stage, hall flag, ranked matches, claims and project. */
export function allianceNeed(caller: Caller, allianceId: string, needId: string): Promise<any> {
  return caller
    .request(
      `query($id: ID!) { alliance(id: $id) { needs { id title partnerId stage inClaimHall
         matches(first: 10) { score reasons { code detail } resource { id title partnerId } }
         claims { ${claimFields} } project { id status resource { id } } } } }`,
      { id: allianceId },
    )
    .then((response) => (response.data?.alliance?.needs ?? []).find((need: any) => need.id === needId) ?? null);
}

export function claimNeed(caller: Caller, input: Record<string, unknown>): Promise<Outcome> {
  return outcome(caller, ['claimNeed'], `mutation($input: ClaimInput!) { claimNeed(input: $input) { ${claimFields} } }`, { input });
}

export function decideClaim(caller: Caller, id: string, version: number, accept: boolean, note?: string): Promise<Outcome> {
  return outcome(
    caller,
    ['decideClaim'],
    `mutation($id: ID!, $version: Int!, $accept: Boolean!, $note: String) { decideClaim(id: $id, version: $version, accept: $accept, note: $note) { ${claimFields} } }`,
    { id, version, accept, note: note ?? null },
  );
}

export function withdrawClaim(caller: Caller, id: string, version: number): Promise<Outcome> {
  return outcome(
    caller,
    ['withdrawClaim'],
    `mutation($id: ID!, $version: Int!) { withdrawClaim(id: $id, version: $version) { ${claimFields} } }`,
    {
      id,
      version,
    },
  );
}

export function evaluateProject(caller: Caller, id: string, version: number, input: Record<string, unknown>): Promise<Outcome> {
  return outcome(
    caller,
    ['evaluateProject'],
    `mutation($id: ID!, $version: Int!, $input: EvaluationInput!) { evaluateProject(id: $id, version: $version, input: $input) { ${projectFields} } }`,
    { id, version, input },
  );
}

export function readProject(caller: Caller, id: string): Promise<Outcome> {
  return outcome(caller, ['project'], `query($id: ID!) { project(id: $id) { ${projectFields} } }`, { id });
}

export function cobuildFigures(caller: Caller, allianceId: string): Promise<Outcome<any[]>> {
  return outcome(
    caller,
    ['alliance', 'cobuildFigures'],
    `query($id: ID!) { alliance(id: $id) { cobuildFigures { partnerId needsPublished needsMet resourcesPublished resourcesGiven evaluations averageSatisfaction } } }`,
    { id: allianceId },
  );
}
