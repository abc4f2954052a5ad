// The intro-course sample phase as released in the release suite: its own code, untouched, under
// a line that says which build this is (set per build), so a user can see which version loaded.
// The line also shows where the phase is, read with react-router hooks the host itself does not
// use: the phase gets them from the host's shared react-router, which keeps the part phases may
// use, and they see the host's router.
import { definePhase } from '@coursekit/phase-sdk';
import { useLocation, useSearchParams } from 'react-router';
import { documents } from '../../../phases/intro-course/src/documents';
import { IntroCourse } from '../../../phases/intro-course/src/IntroCourse';

declare const RELEASE_NOTE: string;

function ReleasedIntroCourse() {
  const { pathname } = useLocation();
  const [searchParams] = useSearchParams();
  return (
    <>
      <p>{RELEASE_NOTE}</p>
      <p data-testid="release-route">{`${pathname}?${searchParams}`}</p>
      <IntroCourse />
    </>
  );
}

export default definePhase({ component: ReleasedIntroCourse, documents });
