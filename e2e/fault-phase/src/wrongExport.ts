// A phase that forgot `definePhase`: its default export is the bare component.
import { FaultLab } from './FaultLab';

export default FaultLab;
