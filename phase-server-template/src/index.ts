/** The `./Phase` module of this remote: what the host loads and mounts (see `definePhase`). */
import { definePhase } from '@coursekit/phase-sdk';
import { PhaseTemplate } from './PhaseTemplate';

export default definePhase({ component: PhaseTemplate });
