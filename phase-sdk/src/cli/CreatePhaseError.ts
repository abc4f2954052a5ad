/**
 * A mistake of the person running the scaffolder (a bad name, a taken folder, a bad flag), as
 * opposed to a bug: the CLI prints its message alone, without a stack, and exits with status 1.
 */
export class CreatePhaseError extends Error {
  override readonly name = 'CreatePhaseError';
}
