// A phase whose page throws while React renders it: a bug in the phase's own code.
import { definePhase } from '@coursekit/phase-sdk';

function Broken(): never {
  throw new Error('The fault lab cannot render this page (a bug of the phase).');
}

export default definePhase({ component: Broken });
