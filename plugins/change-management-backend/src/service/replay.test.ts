import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { sameJson } from './replay';

/**
 * The same record as the database and the replay may hold it: members in
 * another order, an undefined member beside them, and undefined for null
 * in a list.
 */
function reshaped(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(item => (item === null ? undefined : reshaped(item)));
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).reverse();
    return Object.fromEntries([
      ['absent', undefined],
      ...entries.map(([key, item]) => [key, reshaped(item)]),
    ]);
  }
  return value;
}

const sameCanonical = (a: unknown, b: unknown) =>
  canonicalize(a) === canonicalize(b);

describe('sameJson', () => {
  it('answers as comparing the canonical JSON would', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameJson(a, b)).toBe(sameCanonical(a, b));
        expect(sameJson(reshaped(a), b)).toBe(sameCanonical(reshaped(a), b));
      }),
    );
  });

  it('finds a record the same however it is shaped', () => {
    fc.assert(
      fc.property(fc.jsonValue(), value => {
        expect(sameCanonical(value, reshaped(value))).toBe(true);
        expect(sameJson(value, reshaped(value))).toBe(true);
        expect(sameJson(reshaped(value), value)).toBe(true);
      }),
    );
  });

  it('finds a change in one member deep in a record', () => {
    const record = {
      id: 'c1',
      reviewed: { by: 'user:default/bob', at: '2026-06-10T09:00:00.000Z' },
      exceptions: [{ kind: 'freeze-override', detail: 'x' }],
    };
    expect(sameJson(record, reshaped(record))).toBe(true);
    expect(
      sameJson(record, {
        ...record,
        exceptions: [{ kind: 'freeze-override', detail: 'y' }],
      }),
    ).toBe(false);
    expect(sameJson(record, { ...record, reviewed: undefined })).toBe(false);
    expect(sameJson(record, { ...record, extra: null })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});
