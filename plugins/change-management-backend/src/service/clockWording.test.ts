import { clockWording } from './clockWording';

describe('clockWording', () => {
  const event = (title: string) => ({
    change: {
      id: 'c1',
      title,
      type: 'emergency' as const,
      createdBy: 'user:default/alice',
    },
    clock: 'retrospective' as const,
    threshold: 'overdue' as const,
    dueAt: '2026-06-12T09:00:00.000Z',
  });

  it.each(['author', 'cto'] as const)(
    'tells the %s in plain text, capped',
    audience => {
      const { title, description } = clockWording(
        event(`[fix](javascript:x) \u202Eevil\u2069\r\n${'y'.repeat(1200)}`),
        audience,
        { name: ref => ref, time: iso => iso },
      );
      for (const text of [title, description!]) {
        expect(text).toContain('[fix] (javascript:x) evil y');
        expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\r\n]/);
      }
      expect(Array.from(title)).toHaveLength(200);
      expect(title.endsWith('y…')).toBe(true);
      expect(Array.from(description!)).toHaveLength(1000);
    },
  );
});
