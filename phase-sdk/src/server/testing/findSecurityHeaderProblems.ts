/**
 * A security-header audit for tests: what an answer of a phase server (a JSON API) lacks of the
 * headers every such answer must carry, whichever route, status or caller produced it.
 */

type Headers = Record<string, string | string[] | number | undefined>;

/** An answer as `app.inject()` gives it. */
export interface AnswerHeaders {
  statusCode: number;
  headers: Headers;
}

/**
 * What is missing or wrong in each answer, one line per header and answer (`[]` when all are right).
 *
 * @example
 * const answers = await Promise.all([t.app.inject({ url: '/healthz' }), t.app.inject({ url: '/nope' })]);
 * expect(findSecurityHeaderProblems(answers)).toEqual([]);
 */
export function findSecurityHeaderProblems(answers: readonly AnswerHeaders[]): string[] {
  return answers.flatMap(({ statusCode, headers }) =>
    problemsOf(headers).map((problem) => `answer ${statusCode}: ${problem}`),
  );
}

function problemsOf(headers: Headers): string[] {
  const problems: string[] = [];
  const expect = (name: string, ok: (value: string) => boolean, want: string) => {
    const value = headers[name];
    if (typeof value !== 'string' || !ok(value))
      problems.push(`${name}: expected ${want}, got ${JSON.stringify(value)}`);
  };
  const directives = new Map(
    String(headers['content-security-policy'] ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name = '', ...sources]) => [name, sources.join(' ')]),
  );
  expect('x-content-type-options', (value) => value === 'nosniff', 'nosniff');
  expect(
    'content-security-policy',
    () =>
      directives.get('default-src') === "'none'" && directives.get('frame-ancestors') === "'none'",
    "default-src 'none'; frame-ancestors 'none'",
  );
  expect('x-frame-options', (value) => value === 'DENY', 'DENY');
  expect(
    'cross-origin-resource-policy',
    (value) => value === 'same-origin' || value === 'same-site',
    'same-origin (CORS requests are not checked against it)',
  );
  if (headers['x-powered-by'] !== undefined)
    problems.push(`x-powered-by: expected none, got ${JSON.stringify(headers['x-powered-by'])}`);
  return problems;
}
