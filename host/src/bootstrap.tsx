/**
 * Starts the host once Module Federation has settled the shared singletons (this module is loaded
 * through `import('./bootstrap')` for that reason).
 */
// First: before any module parses with zod.
import './app/zodWithoutEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppServices } from './app/AppServices';
import { seedFromPage } from './app/seedFromPage';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('Coursekit: index.html must contain <div id="root">.');

const services = createAppServices();
// A course page carries the session and the course's resolve answer: no round trip before render.
const settle = seedFromPage(services, document);

createRoot(container).render(
  <StrictMode>
    <App services={services} onFirstNavigation={settle} />
  </StrictMode>,
);
