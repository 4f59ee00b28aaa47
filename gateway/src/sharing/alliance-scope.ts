import { Kind, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { everyAlliance } from './response-sharing.ts';

/** The string an argument's value names, literal or through a variable; null otherwise. */
function stringValue(value: ValueNode, variables: Readonly<Record<string, unknown>>): string | null {
  if (value.kind === Kind.STRING) {
    return value.value;
  }
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'string' ? given : null;
  }
  return null;
}

/**
 * The alliances a query's answer can show, read from its root fields: `alliance(id:)` and any
 * root field with an `allianceId:` argument are scoped to that alliance; any other root field
 * (lists of alliances, a partner's namespace, a commitment by id) may show any alliance, and
 * so makes the whole answer `everyAlliance`'s. Commitments and activities belong to one
 * alliance, so an event of another cannot change what an alliance-scoped field shows.
 */
export function allianceScope(operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>): string[] {
  const alliances = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) {
      return [everyAlliance];
    }
    if (selection.name.value === '__typename') {
      continue;
    }
    const argument =
      selection.arguments?.find((arg) => arg.name.value === 'allianceId') ??
      (selection.name.value === 'alliance' ? selection.arguments?.find((arg) => arg.name.value === 'id') : undefined);
    const allianceId = argument ? stringValue(argument.value, variables) : null;
    if (allianceId === null) {
      return [everyAlliance];
    }
    alliances.add(allianceId);
  }
  return [...alliances];
}
