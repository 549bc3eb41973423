import { Knex } from 'knex';
import {
  PullRequestSnapshot,
  pullRequestSnapshotSchema,
} from '@trove/backstage-plugin-change-management-common';

const TABLE = 'change_pull_requests';

/**
 * Issue 20: the last snapshot read of each change's pull request, which
 * the change page shows without asking GitHub. One row per change, replaced
 * by each read. The change store's migrations create its table.
 */
export class PullRequestStore {
  constructor(private readonly db: Knex) {}

  /** The last snapshot of the change's PR, if it is still the PR linked. */
  async get(
    changeId: string,
    url: string,
  ): Promise<PullRequestSnapshot | undefined> {
    const row = await this.db(TABLE)
      .where({ change_id: changeId, url })
      .first('snapshot');
    return row
      ? pullRequestSnapshotSchema.parse(JSON.parse(row.snapshot))
      : undefined;
  }

  /**
   * The last snapshots of these changes' PRs, each where it is still the
   * PR linked: one query for a page of a list.
   */
  async getMany(
    changes: { id: string; pullRequestUrl?: string }[],
  ): Promise<Map<string, PullRequestSnapshot>> {
    const linked = new Map(
      changes.flatMap(c =>
        c.pullRequestUrl ? [[c.id, c.pullRequestUrl]] : [],
      ),
    );
    if (linked.size === 0) return new Map();
    const rows: { change_id: string; url: string; snapshot: string }[] =
      await this.db(TABLE)
        .whereIn('change_id', [...linked.keys()])
        .select('change_id', 'url', 'snapshot');
    return new Map(
      rows
        .filter(row => linked.get(row.change_id) === row.url)
        .map(row => [
          row.change_id,
          pullRequestSnapshotSchema.parse(JSON.parse(row.snapshot)),
        ]),
    );
  }

  async put(changeId: string, snapshot: PullRequestSnapshot): Promise<void> {
    await this.db(TABLE)
      .insert({
        change_id: changeId,
        url: snapshot.url,
        snapshot: JSON.stringify(snapshot),
        read_at: new Date(snapshot.readAt),
      })
      .onConflict('change_id')
      .merge();
  }
}
