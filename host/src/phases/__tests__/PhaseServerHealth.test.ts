/**
 * The phase-server stage: answers of a phase's server through the gateway (502/503/504) mark the
 * course phase's server as away, the background recovery probes it, and its first answer clears
 * the outage and asks for the phase's failed reads again.
 */
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeCore, WELCOME_ID } from '../../test/fakeCore';
import { PhaseApis } from '../PhaseApis';
import { PhaseLoader } from '../PhaseLoader';
import { PhaseRecovery } from '../PhaseRecovery';
import { PhaseServerHealth } from '../PhaseServerHealth';

const expiresAt = () => new Date(Date.now() + 300_000).toISOString();

function phaseApisWithServer(answers: Record<string, number[]>) {
  const { core } = fakeCore({
    [`POST /api/course-phases/${WELCOME_ID}/token`]: {
      status: 200,
      body: { token: 't', expiresAt: expiresAt() },
    },
  });
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (input: string | URL) => {
    const path = new URL(String(input)).pathname;
    asked.push(path);
    const status = answers[path]?.shift() ?? 200;
    return new Response(null, { status });
  });
  const onRecovered = vi.fn();
  const phaseApis = new PhaseApis(core, { onRecovered });
  const api = phaseApis.for({ coursePhaseId: WELCOME_ID, phase: 'matching' });
  return { phaseApis, api, asked, onRecovered };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('PhaseServerHealth', () => {
  it('records an outage once per status and tells when the server answers again', () => {
    const onRecovered = vi.fn();
    const health = new PhaseServerHealth({ onRecovered });
    const listener = vi.fn();
    health.subscribe(listener);

    health.report('p1', { available: true });
    health.report('p1', { available: false, status: 504, request: 'GET /x' });
    health.report('p1', { available: false, status: 504, request: 'GET /y' });
    expect(health.outage('p1')).toMatchObject({ status: 504, request: 'GET /x' });
    expect(health.down()).toEqual(['p1']);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(onRecovered).not.toHaveBeenCalled();

    health.report('p1', { available: true });
    expect(health.outage('p1')).toBeUndefined();
    expect(onRecovered).toHaveBeenCalledWith('p1');
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('the phase-server stage from PhaseApis to PhaseRecovery', () => {
  it('marks the server away on a gateway 502 and clears it when the probe gets an answer', async () => {
    const { phaseApis, api, asked, onRecovered } = phaseApisWithServer({
      '/phase-api/matching/topics': [502],
      '/phase-api/matching/healthz': [504, 200],
    });
    expect((await api.apiFetch('/topics')).status).toBe(502);
    expect(phaseApis.serverHealth.outage(WELCOME_ID)).toMatchObject({
      status: 502,
      request: 'GET http://coursekit.test/phase-api/matching/topics',
    });

    const recovery = new PhaseRecovery(new PhaseLoader(), new QueryClient(), { phaseApis });
    expect(recovery.needed()).toBe(true);
    await phaseApis.probe(WELCOME_ID);
    expect(phaseApis.serverHealth.outage(WELCOME_ID)?.status).toBe(504);
    recovery.recoverNow();
    await vi.waitFor(() => expect(phaseApis.serverHealth.outage(WELCOME_ID)).toBeUndefined());
    expect(asked.filter((path) => path.endsWith('/healthz'))).toHaveLength(2);
    expect(onRecovered).toHaveBeenCalledWith(WELCOME_ID);
    expect(recovery.needed()).toBe(false);
  });

  it('forgets outages on sign-out', async () => {
    const { phaseApis, api } = phaseApisWithServer({ '/phase-api/matching/topics': [503] });
    await api.apiFetch('/topics');
    expect(phaseApis.serverHealth.down()).toEqual([WELCOME_ID]);
    phaseApis.clear();
    expect(phaseApis.serverHealth.down()).toEqual([]);
  });
});
