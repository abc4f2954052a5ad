// A correct phase: its `./Phase` is `definePhase(...)` of the SDK it was built with.
import { definePhase } from '@coursekit/phase-sdk';
import { FaultLab } from './FaultLab';

export default definePhase({ component: FaultLab });
