/**
 * The typed client keeps its promise: answers are checked against the contract, and every kind of
 * failure arrives as a `PhaseApiError` carrying a problem that says what happened.
 */

import { PhaseApiError } from '@coursekit/phase-sdk/client';
import { describe, expect, it } from 'vitest';
import { createMatchingClient } from '../matchingClient';
import { fakeApiFetch, json, problem } from './fakeApiFetch';
import { topic } from './fixtures';

async function failure(promise: Promise<unknown>): Promise<PhaseApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PhaseApiError);
  return error as PhaseApiError;
}

describe('createMatchingClient', () => {
  it('fills path parameters, sends the body, and resolves 204 to undefined', async () => {
    const games = topic('Games');
    const fake = fakeApiFetch({
      [`PATCH /topics/${games.id}`]: () => json({ ...games, capacity: 4 }),
      [`DELETE /topics/${games.id}`]: () => new Response(null, { status: 204 }),
    });
    const client = createMatchingClient(fake.apiFetch);
    expect(await client.updateTopic(games.id, { capacity: 4 })).toMatchObject({ capacity: 4 });
    expect(fake.calls[0]).toEqual({
      method: 'PATCH',
      path: `/topics/${games.id}`,
      body: { capacity: 4 },
    });
    await expect(client.deleteTopic(games.id)).resolves.toBeUndefined();
  });

  it('carries the server’s problem+json', async () => {
    const fake = fakeApiFetch({
      'POST /assignments/run': () =>
        problem(403, 'CK_TOKEN_WRONG_ROLE', 'This needs the role lecturer or editor.'),
    });
    const error = await failure(createMatchingClient(fake.apiFetch).runMatching());
    expect(error).toMatchObject({ status: 403, code: 'CK_TOKEN_WRONG_ROLE' });
    expect(error.message).toBe('This needs the role lecturer or editor.');
  });

  it('checks the body before sending, with the same field errors as the server', async () => {
    const fake = fakeApiFetch({});
    const error = await failure(
      createMatchingClient(fake.apiFetch).createTopic({ title: 'X', capacity: 0 }),
    );
    expect(error.code).toBe('CK_VALIDATION');
    expect(error.problem.errors).toEqual([
      { path: 'body.capacity', message: 'a topic needs at least 1 seat' },
    ]);
    expect(fake.calls).toEqual([]);
  });

  it('refuses an answer that breaks the contract', async () => {
    const fake = fakeApiFetch({ 'GET /topics': () => json({ topics: [{ id: 'x' }] }) });
    const error = await failure(createMatchingClient(fake.apiFetch).listTopics());
    expect(error).toMatchObject({ status: 502, code: 'CK_BAD_RESPONSE' });
    expect(error.message).toContain('GET /topics');
  });

  it('explains a gateway error page and a network failure', async () => {
    const gateway = fakeApiFetch({
      'GET /topics': () => new Response('<html>Bad gateway</html>', { status: 502 }),
    });
    const bad = await failure(createMatchingClient(gateway.apiFetch).listTopics());
    expect(bad).toMatchObject({ status: 502, code: 'CK_HTTP_502' });
    expect(bad.message).toContain('is the phase server running');

    const offline = await failure(
      createMatchingClient(async () => {
        throw new TypeError('Failed to fetch');
      }).listTopics(),
    );
    expect(offline).toMatchObject({ status: 503, code: 'CK_UNREACHABLE' });
  });
});
