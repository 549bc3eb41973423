import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ChangeState,
  ChangeType,
  isRetrospectiveOverdue,
  periodIssue,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeStore } from '../database/ChangeStore';
import { inputError } from '../errors';
import { Caller, ChangeAccessService } from './ChangeAccessService';
import { ChangeManagementMetrics } from './ChangeManagementMetrics';
import { ChangeLogRow, toChangeLogRow } from './changeLogFormat';
import { Clock } from './Clock';
import { DisplayNames, refsOf } from './DisplayNames';

/**
 * Rows formatted at a time, a slice of a batch of changes: a whole batch's
 * rows and their text outlived the young generation, and the collector
 * copied them, a large part of the export's time.
 */
const ROWS_AT_A_TIME = 250;

/** A period [from, to), checked by {@link checkPeriod}. */
export interface Period {
  from?: Date;
  to?: Date;
}

/** The period, or a 400 naming the field to fix. */
export function checkPeriod({ from, to }: Period): { from: Date; to: Date } {
  const issue = periodIssue({ from, to });
  if (issue) {
    throw inputError(
      'Give a range with from before to, e.g. from=2026-01-01&to=2027-01-01',
      [issue],
    );
  }
  // periodIssue found both bounds.
  return { from, to } as { from: Date; to: Date };
}

/**
 * The SOP's change log for auditors and ops: the export of a list or of a
 * period.
 */
export class ChangeLogService {
  constructor(
    private readonly store: ChangeStore,
    private readonly access: ChangeAccessService,
    private readonly clock: Clock,
    private readonly catalog: CatalogService,
    private readonly metrics: ChangeManagementMetrics,
  ) {}

  /**
   * The change log of the changes a list shows (its entity, states, type
   * and title search), raised in [from, to) when a range is given, oldest
   * first, as a stream: the range and the permission are checked before it
   * starts, so a refusal is an answer of its own and not a broken file.
   */
  async exportLog(
    query: Period & {
      entityRef?: string;
      state?: ChangeState[];
      type?: ChangeType;
      q?: string;
    },
    actor: Caller,
  ): Promise<AsyncIterable<ChangeLogRow[]>> {
    const range = query.from || query.to ? checkPeriod(query) : undefined;
    // One permission decision, then the store batch by batch.
    const permissionFilter = await this.access.readFilter(actor);
    const batches = this.store.exportChanges({
      createdFrom: range?.from,
      createdTo: range?.to,
      entityRef: query.entityRef,
      states: query.state,
      type: query.type,
      titleContains: query.q,
      permissionFilter,
    });
    const names = new DisplayNames(this.catalog, actor.credentials);
    const now = this.clock.now();
    const metrics = this.metrics;
    return (async function* rows() {
      for await (const batch of batches) {
        await names.load(refsOf(batch));
        for (let i = 0; i < batch.length; i += ROWS_AT_A_TIME) {
          yield batch
            .slice(i, i + ROWS_AT_A_TIME)
            .map(change =>
              toChangeLogRow(
                { ...change, overdue: isRetrospectiveOverdue(change, now) },
                names.nameOf,
              ),
            );
        }
        metrics.recordExportRows(batch.length);
      }
    })();
  }
}
