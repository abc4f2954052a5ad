import { describe, expect, it, vi } from 'vitest';
import { PhaseLoadReporter } from '../PhaseLoadReporter';

const loaded = {
  phase: 'intro-course',
  version: '1.0.0',
  outcome: 'loaded' as const,
  durationMs: 812.4,
  attempts: 1,
};

function reporterWithFakeCore() {
  const request = vi.fn().mockResolvedValue(undefined);
  return { reporter: new PhaseLoadReporter({ request }), request };
}

describe('PhaseLoadReporter', () => {
  it('sends the loads of a second in one request, in the contract’s shape', async () => {
    vi.useFakeTimers();
    const { reporter, request } = reporterWithFakeCore();
    reporter.add(loaded);
    reporter.add({ ...loaded, outcome: 'failed', stage: 'integrity', code: 'HASH' });
    expect(request).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(request).toHaveBeenCalledTimes(1);
    expect(request.mock.calls[0]?.[0]).toBe('/api/phase-loads');
    expect(request.mock.calls[0]?.[2]).toMatchObject({
      method: 'POST',
      keepalive: true,
      json: {
        reports: [
          { ...loaded, durationMs: 812 },
          { ...loaded, durationMs: 812, outcome: 'failed', stage: 'integrity' },
        ],
      },
    });
    vi.useRealTimers();
  });

  it('drops a report the registry would refuse instead of losing the whole batch', () => {
    const { reporter, request } = reporterWithFakeCore();
    reporter.add({ ...loaded, version: '' });
    reporter.flush();
    expect(request).not.toHaveBeenCalled();
  });

  it('never lets a failed send reach the page', async () => {
    const request = vi.fn().mockRejectedValue(new Error('registry down'));
    const reporter = new PhaseLoadReporter({ request });
    reporter.add(loaded);
    expect(() => reporter.flush()).not.toThrow();
    await Promise.resolve();
    expect(request).toHaveBeenCalledTimes(1);
  });
});
