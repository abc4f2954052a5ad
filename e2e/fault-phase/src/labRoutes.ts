/** The one route of the fault lab's server: what the phase shows to prove its server answers. */
import { defineRoute } from '@coursekit/phase-sdk/contract';
import { z } from 'zod';

export const labStatus = defineRoute({
  method: 'GET',
  path: '/status',
  summary: 'Whether the fault lab’s server answers',
  response: z.object({ message: z.string() }),
});
