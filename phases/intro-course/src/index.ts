/** The `./Phase` module of the intro-course remote. */
import { definePhase } from '@coursekit/phase-sdk';
import { documents } from './documents';
import { IntroCourse } from './IntroCourse';

export default definePhase({ component: IntroCourse, documents });
