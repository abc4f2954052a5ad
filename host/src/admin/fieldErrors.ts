/**
 * Field errors of a refused request, keyed by field: the registry names them by path
 * (`body.email`, `body.config.steps.1`); forms show each under its field and the rest on top.
 */
import { CoreApiError } from '@coursekit/phase-sdk/client';

export function fieldErrors(error: unknown, prefix = 'body.'): Record<string, string> {
  if (!(error instanceof CoreApiError)) return {};
  const byField: Record<string, string> = {};
  for (const { path, message } of error.problem.errors ?? []) {
    if (!path.startsWith(prefix)) continue;
    const field = path.slice(prefix.length);
    byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
  }
  return byField;
}
