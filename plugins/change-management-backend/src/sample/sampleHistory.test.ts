import { sampleHistory, SAMPLE_HISTORY_DAYS } from './sampleHistory';

const DAY = 86_400_000;

// Inside the freeze, as the sample app often starts, and in June, when
// standard changes deploy.
describe.each(['2026-12-02T10:00:00.000Z', '2027-06-15T08:30:00.000Z'])(
  'the sample history ending at %s',
  iso => {
    const now = new Date(iso);
    const entries = sampleHistory(now);
    const changes = entries.map(e => e.change);
    const byId = new Map(changes.map(c => [c.id, c]));

    it('holds a few hundred changes over about 18 months, none after now', () => {
      expect(entries.length).toBeGreaterThan(250);
      expect(entries.length).toBeLessThan(500);
      const raised = changes.map(c => Date.parse(c.createdAt));
      const oldest = Math.min(...raised);
      expect(now.getTime() - oldest).toBeGreaterThan(
        (SAMPLE_HISTORY_DAYS - 5) * DAY,
      );
      expect(now.getTime() - oldest).toBeLessThanOrEqual(
        SAMPLE_HISTORY_DAYS * DAY,
      );
      const times = entries.flatMap(e => e.events.map(ev => ev.at.getTime()));
      expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
      // It ends near now: something happened in the last two days.
      expect(Math.max(...times)).toBeGreaterThan(now.getTime() - 2 * DAY);
    });

    it('holds failures, roll-backs and verified deploys', () => {
      const states = changes.map(c => c.state);
      expect(states.filter(s => s === 'rolled_back').length).toBeGreaterThan(5);
      const verified = changes.filter(c => c.postDeploymentVerified);
      expect(
        verified.filter(c => c.postDeploymentVerified === 'no').length,
      ).toBeGreaterThan(5);
      expect(
        verified.filter(
          c => c.postDeploymentVerified === 'yes' && c.issuesEncountered,
        ).length,
      ).toBeGreaterThan(5);
      expect(
        verified.filter(c => c.postDeploymentVerified === 'yes').length,
      ).toBeGreaterThan(150);
    });

    it('holds emergencies for P1 and P2 incidents, some naming an earlier cause', () => {
      const emergencies = changes.filter(c => c.type === 'emergency');
      expect(emergencies.length).toBeGreaterThan(15);
      expect(new Set(emergencies.map(c => c.incident?.severity))).toEqual(
        new Set(['P1', 'P2']),
      );
      const caused = emergencies.filter(c => c.causedBy);
      expect(caused.length).toBeGreaterThan(5);
      for (const emergency of caused) {
        const cause = byId.get(emergency.causedBy!)!;
        expect(Date.parse(cause.createdAt)).toBeLessThan(
          Date.parse(emergency.createdAt),
        );
        // The cause failed: rolled back or verified "No".
        expect(
          cause.state === 'rolled_back' ||
            cause.postDeploymentVerified === 'no',
        ).toBe(true);
      }
    });

    it('holds a late retrospective, recorded as an exception', () => {
      const late = changes.filter(c =>
        c.exceptions.some(e => e.kind === 'late-retrospective'),
      );
      expect(late.length).toBeGreaterThan(0);
    });

    it('plans windows, some in the coming weeks, and keeps changes in flight', () => {
      const ahead = changes.filter(
        c => c.plannedStart && Date.parse(c.plannedStart) > now.getTime(),
      );
      expect(ahead.length).toBeGreaterThan(3);
      expect(
        Math.max(...ahead.map(c => Date.parse(c.plannedStart!))),
      ).toBeLessThan(now.getTime() + 60 * DAY);
      const states = new Set(changes.map(c => c.state));
      for (const state of [
        'in_review',
        'awaiting_approval',
        'approved',
        'staging_verified',
        'ready_for_production',
      ]) {
        expect(states).toContain(state);
      }
    });

    it('is the same history every time', () => {
      const again = sampleHistory(now);
      expect(again.map(e => [e.change.title, e.change.state])).toEqual(
        entries.map(e => [e.change.title, e.change.state]),
      );
    });
  },
);
