/**
 * Bad input over every route of the matching server, generated from the contract's schemas by the
 * SDK's probe: never a 5xx or a hang, every refusal problem+json with a catalogue code, and a
 * refused write leaves the phase's tables as they were. A failure prints its seed
 * (`FC_SEED=<seed>`).
 */
import { probePhaseServer } from '@coursekit/phase-sdk/server/testing';
import { describe, it } from 'vitest';
import { Topic } from '../../../shared/contract.js';
import { server } from '../server.js';

describe('bad input on every route of the matching server', () => {
  it('is refused with a 4xx problem and writes nothing', async () => {
    await probePhaseServer(server, {
      setup: async (t) => {
        const topics = await Promise.all(
          ['Compilers', 'Databases'].map(async (title) => {
            const created = await t.as(
              { role: 'lecturer' },
              { method: 'POST', url: '/topics', payload: { title, capacity: 2 } },
            );
            return Topic.parse(created.json()).id;
          }),
        );
        return { topicId: topics, topicIds: [topics, [topics[0]]] };
      },
    });
  });
});
