import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * A partner kind's value: its folder name in upper case, dashes as underscores (`<name>` →
 * `<NAME>`, see @hub/kinds). A scalar rather than an enum: every partner subgraph declares it, and an enum
 * would change all their schemas whenever a kind joins, making every organization redeploy.
 */
export type PartnerKind = string;

const kindPattern = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

function parseKind(value: unknown): PartnerKind {
  if (typeof value !== 'string' || value.length > 40 || !kindPattern.test(value)) {
    throw new GraphQLError('A partner kind is an upper-case name, words joined by underscores', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

export const PartnerKindScalar = new GraphQLScalarType<PartnerKind, string>({
  name: 'PartnerKind',
  description:
    'Kind of co-building partner (共建单位类型): its folder name in upper case, words joined by _ (Query.partnerKinds lists them)',
  serialize: (value) => parseKind(value),
  parseValue: parseKind,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.ENUM) {
      throw new GraphQLError('A partner kind is given as a string', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseKind(ast.value);
  },
});
