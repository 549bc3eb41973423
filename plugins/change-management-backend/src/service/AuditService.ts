import { InputError } from '@backstage/errors';
import {
  Change,
  findFreezeWindow,
  isRetrospectiveOverdue,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeStore } from '../database/ChangeStore';
import { Actor, ChangeService } from './ChangeService';
import { ChangeLogRow, toChangeLogRow } from './changeLog';
import { Clock } from './Clock';
import { ChangeManagementConfig } from './config';

function parseTime(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) {
    return undefined;
  }
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) {
    throw new InputError(
      `${name} must be an ISO 8601 time, like 2026-10-01 or 2026-10-01T00:00:00Z`,
    );
  }
  return time;
}

/** What auditors and ops read: the freeze, the change log, the chain. */
export class AuditService {
  constructor(
    private readonly store: ChangeStore,
    private readonly changes: ChangeService,
    private readonly config: ChangeManagementConfig,
    private readonly clock: Clock,
  ) {}

  freezeStatus(at?: string) {
    const time = parseTime('at', at) ?? this.clock.now();
    const window = findFreezeWindow(time, this.config.freeze);
    return { frozen: !!window, timeZone: this.config.freeze.timeZone, window };
  }

  /** The change log of changes raised in [from, to), oldest first. */
  async exportLog(
    range: { from?: string; to?: string },
    actor: Actor,
  ): Promise<ChangeLogRow[]> {
    const from = parseTime('from', range.from);
    const to = parseTime('to', range.to);
    if (!from || !to || from >= to) {
      throw new InputError(
        'Give a range with from before to, e.g. from=2026-01-01&to=2027-01-01',
      );
    }
    // One permission check, then the store page by page.
    await this.changes.authorizeRead(actor);
    const now = this.clock.now();
    const changes: Change[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.listChanges({
        createdFrom: from,
        createdTo: to,
        limit: 100,
        cursor,
      });
      changes.push(
        ...page.items.map(c => ({
          ...c,
          overdue: isRetrospectiveOverdue(c, now),
        })),
      );
      cursor = page.nextCursor;
    } while (cursor);
    return changes.reverse().map(toChangeLogRow);
  }

  async verifyAuditTrail(actor: Actor) {
    await this.changes.authorizeRead(actor);
    return this.store.verifyEventChain();
  }
}
