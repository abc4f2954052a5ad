// findBy* waits for what a user would see. On two busy CI cores a first render can take longer
// than Testing Library's 1 s default; waiting longer changes no assertion.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5_000 });
