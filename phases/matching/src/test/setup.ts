// findBy* waits for what a user would see. On two busy cores a first render can take several
// seconds; the bound only has to catch a screen that never comes, so it is far above any honest
// wait (Testing Library's 1 s default failed tests that were right).
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 30_000 });
