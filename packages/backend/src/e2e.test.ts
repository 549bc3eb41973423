describe('the browser tests entry, src/e2e.ts', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('refuses to start with NODE_ENV=production', () => {
    process.env.NODE_ENV = 'production';
    // Loading the entry is starting it: the guard must throw first.
    expect(() => jest.requireActual('./e2e')).toThrow(
      /refuses to start with NODE_ENV=production/,
    );
  });
});
