// The intro-course sample phase as released in the release suite: its own code, untouched, under
// a line that says which build this is (set per build), so a user can see which version loaded.
import { definePhase } from '@coursekit/phase-sdk';
import { documents } from '../../../phases/intro-course/src/documents';
import { IntroCourse } from '../../../phases/intro-course/src/IntroCourse';

declare const RELEASE_NOTE: string;

function ReleasedIntroCourse() {
  return (
    <>
      <p>{RELEASE_NOTE}</p>
      <IntroCourse />
    </>
  );
}

export default definePhase({ component: ReleasedIntroCourse, documents });
