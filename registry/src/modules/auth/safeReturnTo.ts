/**
 * Where a sign-in may send the browser afterwards. Only a path on this site is allowed, so the
 * sign-in cannot be abused as an open redirect (`?returnTo=https://evil.example/`).
 */

const MAX_LENGTH = 2048;

/**
 * `value` when it is a same-site path starting with a single `/`, otherwise `/`. Rejects `//host`
 * and `/\host` (browsers read both as another origin), control characters and very long values.
 *
 * @example safeReturnTo('/courses/se?tab=1') // '/courses/se?tab=1'
 * @example safeReturnTo('https://evil.example/') // '/'
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return '/';
  if (!value.startsWith('/') || value[1] === '/' || value[1] === '\\') return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(value)) return '/';
  return value;
}
