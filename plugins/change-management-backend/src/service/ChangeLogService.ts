import { ChangeStore } from '../database/ChangeStore';
import { inputError } from '../errors';
import { Actor, ChangeAccess } from './ChangeAccess';
import { ChangeLogRow, toChangeLogRow } from './changeLog';
import { asOf } from './ChangeService';
import { Clock } from './Clock';

/**
 * The SOP's change log for auditors and ops: the export of a period.
 */
export class ChangeLogService {
  constructor(
    private readonly store: ChangeStore,
    private readonly access: ChangeAccess,
    private readonly clock: Clock,
  ) {}

  /** The change log of changes raised in [from, to), oldest first. */
  async exportLog(
    range: { from?: Date; to?: Date },
    actor: Actor,
  ): Promise<ChangeLogRow[]> {
    const { from, to } = range;
    if (!from || !to || from >= to) {
      throw inputError(
        'Give a range with from before to, e.g. from=2026-01-01&to=2027-01-01',
        [
          {
            path: from && to ? 'to' : 'from',
            message: 'from must be before to',
          },
        ],
      );
    }
    // One permission decision, then the store page by page.
    const permissionFilter = await this.access.readFilter(actor);
    const now = this.clock.now();
    const rows: ChangeLogRow[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.listChanges({
        createdFrom: from,
        createdTo: to,
        permissionFilter,
        limit: 100,
        cursor,
      });
      rows.push(...page.items.map(c => toChangeLogRow(asOf(c, now))));
      cursor = page.nextCursor;
    } while (cursor);
    return rows.reverse();
  }
}
