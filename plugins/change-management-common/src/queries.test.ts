import { exportQuerySchema, listQuerySchema } from './queries';

describe('listQuerySchema', () => {
  it('reads the query string into a list request', () => {
    expect(
      listQuerySchema.parse({
        state: 'draft,in_review',
        type: 'emergency',
        needsActionBy: 'me',
        inFlight: 'true',
        limit: '10',
      }),
    ).toEqual({
      state: ['draft', 'in_review'],
      type: 'emergency',
      needsActionBy: 'me',
      inFlight: true,
      overdue: false,
      order: 'newest',
      limit: 10,
    });
  });

  it('pages 25 changes by default', () => {
    expect(listQuerySchema.parse({}).limit).toBe(25);
  });

  it.each([
    [{ state: 'draft,shipped' }, /state must be one or more of draft, /],
    [{ limit: '101' }, /limit must be from 1 to 100/],
    [{ needsActionBy: 'bob' }, /needsActionBy takes only 'me'/],
    [{ order: 'oldest' }, /order must be 'newest' or 'due'/],
    [{ sort: 'title' }, /Unrecognized key\(s\) in object: 'sort'/],
  ])('refuses %p', (query, message) => {
    expect(() => listQuerySchema.parse(query)).toThrow(message);
  });
});

describe('exportQuerySchema', () => {
  it('reads the range as dates, CSV by default', () => {
    expect(
      exportQuerySchema.parse({ from: '2026-01-01', to: '2026-02-01' }),
    ).toEqual({
      from: new Date('2026-01-01T00:00:00.000Z'),
      to: new Date('2026-02-01T00:00:00.000Z'),
      format: 'csv',
    });
  });

  it('needs both ends of the range, as ISO times', () => {
    expect(() => exportQuerySchema.parse({ to: '2026-02-01' })).toThrow(
      /from is required/,
    );
    expect(() => exportQuerySchema.parse({ from: '2026-02-01' })).toThrow(
      /to is required/,
    );
    expect(() =>
      exportQuerySchema.parse({ from: 'last week', to: '2026-02-01' }),
    ).toThrow(/from must be an ISO 8601 time/);
  });

  it("reads a list's filters, with no range for every change they select", () => {
    expect(
      exportQuerySchema.parse({
        entityRef: 'system:default/payments',
        state: 'deployed,completed',
        type: 'emergency',
        q: 'psp',
      }),
    ).toEqual({
      entityRef: 'system:default/payments',
      state: ['deployed', 'completed'],
      type: 'emergency',
      q: 'psp',
      format: 'csv',
    });
  });

  it('refuses a state the workflow does not have', () => {
    expect(() => exportQuerySchema.parse({ state: 'shipped' })).toThrow(
      /state must be one or more of draft, /,
    );
  });
});
