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
