// Each test renders into a fresh document.
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy* waits for what a user would see. On two busy CI cores the first render of the app can
// take longer than Testing Library's 1 s default, which failed tests that were right; waiting
// longer changes no assertion, it only stops CPU starvation from passing for a bug.
configure({ asyncUtilTimeout: 5_000 });

afterEach(cleanup);
