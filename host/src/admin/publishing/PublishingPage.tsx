/**
 * `/admin/publishing` (admins): who may publish which phase, and the API tokens with which they
 * (or their CI) run `npx coursekit-phase publish --token …`. The registry decides every publish;
 * this page only grants, creates and revokes.
 */
import { usePageTitle } from '../usePageTitle';
import { ApiTokensSection } from './ApiTokensSection';
import { PublishersSection } from './PublishersSection';

export function PublishingPage() {
  usePageTitle('Publishing');
  return (
    <section className="ck-page" aria-labelledby="ck-publishing-title">
      <h1 id="ck-publishing-title">Publishing</h1>
      <p className="ck-muted">
        Administrators may publish every phase. Make a developer the publisher of their phase, then
        give them an API token for it: <code>npx coursekit-phase publish --token …</code>
      </p>
      <PublishersSection />
      <ApiTokensSection />
    </section>
  );
}
