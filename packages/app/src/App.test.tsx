import { render, screen, within } from '@testing-library/react';
import App from './App';

describe('App', () => {
  const env = process.env;
  afterEach(() => {
    process.env = env;
  });

  it('opens on the development sign-in, listing the configured users', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: {
              title: 'Test',
              devSignIn: {
                users: [
                  { name: 'alice', description: 'Engineer, payments' },
                  { name: 'carol', description: 'CTO' },
                ],
              },
            },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    const users = await screen.findByRole(
      'list',
      { name: 'Sample users' },
      // The first render loads every plugin's extensions.
      { timeout: 10_000 },
    );
    expect(
      within(users)
        .getAllByRole('button')
        .map(user => user.textContent),
    ).toEqual(['aliceEngineer, payments', 'carolCTO']);
  });
});
