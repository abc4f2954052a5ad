/**
 * The error answers every protected route can give, for the OpenAPI document: all of them are
 * `application/problem+json` bodies of the contract's `Problem` schema.
 */
import { Problem } from '../../contract/index.js';

export const problemResponses = {
  400: Problem.describe('The request is invalid (the `errors` name each field).'),
  401: Problem.describe('No valid phase token.'),
  403: Problem.describe('The token is for another phase, or the role may not do this.'),
  404: Problem.describe('Not found in this course phase.'),
  409: Problem.describe('Conflicts with the current state.'),
} as const;
