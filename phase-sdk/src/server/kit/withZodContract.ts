/**
 * The request and answer handling every Coursekit server shares: bodies, params, queries and
 * answers are validated and serialized with the contract's zod schemas (one type provider, which
 * also feeds the OpenAPI document), and the API speaks JSON only, so a text body gets 415 rather
 * than being half-validated.
 */
import type { FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';

/**
 * @example
 * const app = withZodContract(Fastify({ logger: true }));
 */
export function withZodContract(app: FastifyInstance) {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.removeContentTypeParser('text/plain');
  return app.withTypeProvider<ZodTypeProvider>();
}
