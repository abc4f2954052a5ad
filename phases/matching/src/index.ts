/** The `./Phase` module of the matching remote: what the host loads and mounts (see `definePhase`). */
import { definePhase } from '@coursekit/phase-sdk';
import { Matching } from './Matching';

export default definePhase({ component: Matching });
