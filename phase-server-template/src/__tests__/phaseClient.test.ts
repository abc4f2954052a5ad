/**
 * The typed client keeps its promise: answers are checked against the contract, and every kind of
 * failure arrives as a `PhaseApiError` carrying a problem that says what happened.
 */

import { PhaseApiError } from '@coursekit/phase-sdk/client';
import { describe, expect, it } from 'vitest';
import { createPhaseClient } from '../phaseClient';
import { fakeApiFetch, json, problem } from './fakeApiFetch';

const NOTE_ID = '00000000-0000-4000-8000-0000000000aa';

async function failure(promise: Promise<unknown>): Promise<PhaseApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PhaseApiError);
  return error as PhaseApiError;
}

describe('createPhaseClient', () => {
  it('fills path parameters and resolves 204 to undefined', async () => {
    const fake = fakeApiFetch({
      [`DELETE /notes/${NOTE_ID}`]: () => new Response(null, { status: 204 }),
    });
    await expect(createPhaseClient(fake.apiFetch).deleteNote(NOTE_ID)).resolves.toBeUndefined();
  });

  it('carries the server’s problem+json', async () => {
    const fake = fakeApiFetch({
      'GET /notes': () => problem(401, 'CK_TOKEN_EXPIRED', 'The phase token has expired.'),
    });
    const error = await failure(createPhaseClient(fake.apiFetch).listNotes());
    expect(error).toMatchObject({ status: 401, code: 'CK_TOKEN_EXPIRED' });
    expect(error.message).toBe('The phase token has expired.');
  });

  it('checks the body before sending, with the same field errors as the server', async () => {
    const fake = fakeApiFetch({});
    const error = await failure(createPhaseClient(fake.apiFetch).createNote({ text: ' ' }));
    expect(error.code).toBe('CK_VALIDATION');
    expect(error.problem.errors).toEqual([
      { path: 'body.text', message: 'write at least one character' },
    ]);
    expect(fake.calls).toEqual([]);
  });

  it('refuses an answer that breaks the contract', async () => {
    const fake = fakeApiFetch({ 'GET /notes': () => json({ notes: [{ id: 'x' }] }) });
    const error = await failure(createPhaseClient(fake.apiFetch).listNotes());
    expect(error).toMatchObject({ status: 502, code: 'CK_BAD_RESPONSE' });
    expect(error.message).toContain('GET /notes');
  });

  it('explains a gateway error page and a network failure', async () => {
    const gateway = fakeApiFetch({
      'GET /notes': () => new Response('<html>Bad gateway</html>', { status: 502 }),
    });
    const bad = await failure(createPhaseClient(gateway.apiFetch).listNotes());
    expect(bad).toMatchObject({ status: 502, code: 'CK_HTTP_502' });
    expect(bad.message).toContain('is the phase server running');

    const offline = await failure(
      createPhaseClient(async () => {
        throw new TypeError('Failed to fetch');
      }).listNotes(),
    );
    expect(offline).toMatchObject({ status: 503, code: 'CK_UNREACHABLE' });
    expect(offline.message).toContain('Failed to fetch');
  });
});
