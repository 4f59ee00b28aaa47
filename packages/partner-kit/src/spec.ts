import type { PartnerKind } from '@hub/contracts';
import type { KindDefinition } from '@hub/kinds';
import type { EntitySchemaProperty } from '@mikro-orm/postgresql';
import type { CommitmentRow } from './entities.ts';

type ClassType = new (...args: any[]) => any;

/** Everything that makes one partner kind's subgraph different from the others. */
export interface PartnerKindSpec {
  readonly kind: PartnerKind;
  /** Subgraph and service name: the kind's folder name (`<name>`). */
  readonly subgraph: string;
  /** Root namespace field, the folder name in camelCase: `mutation { <namespace> { publishCommitment } }`. */
  readonly namespace: string;
  /** The kind's definition (its folder's `src/kind.ts`), which everything here is built from. */
  readonly definition: KindDefinition;
  /** The concrete GraphQL types of this kind (each extends the contract's interface, with @key). */
  readonly types: {
    Partner: ClassType;
    Branch: ClassType;
    Commitment: ClassType;
    Activity: ClassType;
    /** `<Prefix>Need` and `<Prefix>Resource` (三张清单): the contract's interfaces, nothing of the kind's own. */
    Need: ClassType;
    Resource: ClassType;
  };
  /** `<Kind>CommitmentInput`: CommitmentInputBase plus this kind's own fields. */
  readonly CommitmentInput: ClassType;
  /** This kind's own commitment columns. */
  readonly commitmentColumns: Record<string, EntitySchemaProperty<unknown, CommitmentRow>>;
  /** Validates this kind's own input fields into column values (only the fields present). */
  readonly extraColumns: (input: Record<string, unknown>) => Record<string, unknown>;
  /** Values of this kind's own columns for a new commitment before its input is applied. */
  readonly creationDefaults: Record<string, unknown>;
  /** Committed migrations of this service, in order. */
  readonly migrations: { name: string; class: ClassType }[];
}
