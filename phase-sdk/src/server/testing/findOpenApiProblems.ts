/**
 * An OpenAPI audit for tests: checks a server's published document with an independent validator
 * (`@seriousme/openapi-schema-validator`, the OpenAPI 3.0/3.1 JSON schemas plus a check that every
 * `$ref` resolves), so a document that client generators would reject fails the server's own
 * tests rather than its users' builds.
 */
import { Validator } from '@seriousme/openapi-schema-validator';

/**
 * What is wrong with an OpenAPI document, one line per problem (`[]` when it is valid).
 *
 * @example
 * const doc = (await app.inject({ url: '/openapi.json' })).json();
 * expect(await findOpenApiProblems(doc)).toEqual([]);
 */
export async function findOpenApiProblems(document: unknown): Promise<string[]> {
  if (typeof document !== 'object' || document === null)
    return [`expected an OpenAPI document (a JSON object), got ${JSON.stringify(document)}`];
  // The validator may add to what it is given: hand it a copy.
  const result = await new Validator().validate(
    structuredClone(document) as Record<string, unknown>,
  );
  if (result.valid) return [];
  const { errors } = result;
  if (typeof errors === 'string') return [errors];
  return (errors ?? []).map(
    (error) => `${error.instancePath || '/'}: ${error.message} ${JSON.stringify(error.params)}`,
  );
}
