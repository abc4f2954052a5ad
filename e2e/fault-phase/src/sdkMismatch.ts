// A phase as a build against the SDK's next major line leaves it: its definition names that line.
import { definePhase } from '@coursekit/phase-sdk';
import { FaultLab } from './FaultLab';

export default { ...definePhase({ component: FaultLab }), sdkMajor: '1' };
