import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// A page here loads lazy chunks and answers from fake APIs after a few
// renders. On a busy two-core CI machine that takes longer than findBy's
// default second, so every wait may take up to ten; a test that passes
// sooner still ends as soon as its element is there.
configure({ asyncUtilTimeout: 10_000 });

// For the same reason a test may take up to 30 s before it is failed
// (jest's default is 5); a file may set its own.
jest.setTimeout(30_000);
