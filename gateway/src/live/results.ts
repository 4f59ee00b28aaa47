import { type ExecutionResult, type FormattedExecutionResult, GraphQLError } from 'graphql';

/**
 * Turns a formatted result (what Apollo's executeOperation returns) back into an execution
 * result with GraphQLError instances, which graphql-ws serialises itself.
 */
export function asExecutionResult(result: FormattedExecutionResult): ExecutionResult {
  return {
    data: result.data,
    ...(result.errors?.length
      ? { errors: result.errors.map((error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions })) }
      : {}),
  };
}
