/**
 * Bad input over every route of this server, generated from the contract's schemas by the SDK's
 * probe: never a 5xx or a hang, every refusal problem+json with a catalogue code, and a refused
 * write leaves the phase's tables as they were. A failure prints its seed (`FC_SEED=<seed>`).
 */
import { probePhaseServer } from '@coursekit/phase-sdk/server/testing';
import { describe, it } from 'vitest';
import { Note } from '../../../shared/contract.js';
import { server } from '../server.js';

describe('bad input on every route of the notes server', () => {
  it('is refused with a 4xx problem and writes nothing', async () => {
    await probePhaseServer(server, {
      setup: async (t) => {
        const created = await t.as(
          { role: 'student' },
          { method: 'POST', url: '/notes', payload: { text: 'A note' } },
        );
        return { noteId: [Note.parse(created.json()).id] };
      },
    });
  });
});
