import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ChangeAction,
  ChangePullRequest,
  GITHUB_PROJECT_SLUG_ANNOTATION,
  PullRequestRules,
  pullRequestRuleRefusal,
  PullRequestSnapshot,
  PullRequestWarning,
  pullRequestRepositoryWarnings,
  pullRequestWarnings,
  recordsPullRequest,
} from '@trove/backstage-plugin-change-management-common';
import { ChangePullRequestReader } from '@trove/backstage-plugin-change-management-node';
import { NotFoundError } from '@backstage/errors';
import { ChangeStore, StoredChange } from '../database/ChangeStore';
import { PullRequestStore } from '../database/PullRequestStore';
import { Caller, ChangeAccessService } from './ChangeAccessService';
import { Clock } from './Clock';
import { inputError } from '../errors';

/**
 * The GitHub module's rules (declared in its config.d.ts), read once at
 * start-up; they apply only where that module reads pull requests.
 */
export function readPullRequestRules(config: Config): PullRequestRules {
  const flag = (key: string) =>
    config.getOptionalBoolean(`changeManagement.github.${key}`) ?? false;
  return {
    requireMergedPullRequest: flag('requireMergedPullRequest'),
    requireGreenChecks: flag('requireGreenChecks'),
  };
}

/**
 * Issue 20: the pull request a change links, read as evidence through the
 * reader a module sets (the GitHub module). Without a reader that reads,
 * nothing is read, recorded or warned of.
 */
export class PullRequestService {
  constructor(
    private readonly store: ChangeStore,
    private readonly snapshots: PullRequestStore,
    private readonly access: ChangeAccessService,
    private readonly catalog: CatalogService,
    private readonly clock: Clock,
    private readonly logger: LoggerService,
    private readonly reader?: ChangePullRequestReader,
    private readonly rules: PullRequestRules = {
      requireMergedPullRequest: false,
      requireGreenChecks: false,
    },
  ) {}

  /**
   * Refuses a sign-off or deploy that a config rule holds back, naming the
   * rule and the field; nothing applies without a reader that reads.
   */
  checkRules(
    action: ChangeAction,
    change: StoredChange,
    snapshot: PullRequestSnapshot | undefined,
  ) {
    if (!this.reader?.read) return;
    const url = change.pullRequestUrl;
    const refusal = pullRequestRuleRefusal(action, url, snapshot, this.rules);
    if (refusal) {
      throw inputError(refusal, [{ path: 'pullRequestUrl', message: refusal }]);
    }
  }

  /**
   * A PR in a repository that no affected entity names through
   * `github.com/project-slug`: a warning for the form.
   */
  async repositoryWarnings(
    url: string | undefined,
    entityRefs: string[],
    actor: Caller,
  ): Promise<PullRequestWarning[] | undefined> {
    // Without a reader the answer carries no key: nothing changes.
    if (!this.reader?.read) return undefined;
    if (!url || entityRefs.length === 0) return [];
    const { items } = await this.catalog.getEntitiesByRefs(
      // `metadata`, not `metadata.annotations`: the catalog mock's field
      // filter fails on an entity without annotations.
      { entityRefs, fields: ['metadata'] },
      { credentials: actor.credentials },
    );
    const slugs = items.flatMap(entity => {
      const slug =
        entity?.metadata.annotations?.[GITHUB_PROJECT_SLUG_ANNOTATION];
      return slug ? [slug] : [];
    });
    return pullRequestRepositoryWarnings(url, slugs);
  }

  /**
   * The PR as it is now, for the audit event of an action that records it
   * (review, approve, sign-off, deploy); kept as the page's last snapshot.
   * A PR that cannot be read now does not hold the action up: its event
   * then records no snapshot, which the evidence shows.
   */
  async snapshotFor(
    action: ChangeAction,
    change: StoredChange,
  ): Promise<PullRequestSnapshot | undefined> {
    if (!recordsPullRequest(action) || !change.pullRequestUrl) return undefined;
    try {
      return await this.read(change.id, change.pullRequestUrl);
    } catch (error) {
      this.logger.warn(
        `Could not read the pull request of change ${change.id} at ${action}: ${error}`,
      );
      return undefined;
    }
  }

  /**
   * For a list (the CTO's queue): the warnings of each change's last kept
   * snapshot, by change id; reads nothing of GitHub. Without a reader, or
   * for a change without a snapshot, none. The deployed commit is not
   * compared here; the change's page does that.
   */
  async listWarnings(
    changes: StoredChange[],
  ): Promise<Map<string, PullRequestWarning[]>> {
    if (!this.reader?.read) return new Map();
    const snapshots = await this.snapshots.getMany(changes);
    return new Map(
      [...snapshots].map(([id, snapshot]) => [
        id,
        pullRequestWarnings(snapshot),
      ]),
    );
  }

  /** The change's PR as last read, with its warnings; reads nothing. */
  async get(id: string, actor: Caller): Promise<ChangePullRequest> {
    const change = await this.readable(id, actor);
    const url = change.pullRequestUrl;
    const snapshot = url ? await this.snapshots.get(id, url) : undefined;
    return this.answer(change, snapshot);
  }

  /** Reads the change's PR again, on demand, and keeps the snapshot. */
  async refresh(id: string, actor: Caller): Promise<ChangePullRequest> {
    const change = await this.readable(id, actor);
    const url = change.pullRequestUrl;
    if (!url) return this.answer(change, undefined);
    try {
      return this.answer(change, await this.read(id, url));
    } catch (error) {
      return {
        ...(await this.answer(change, await this.snapshots.get(id, url))),
        problem: `The pull request could not be read: ${
          (error as Error).message
        }`,
      };
    }
  }

  private async read(changeId: string, url: string) {
    const read = await this.reader?.read?.(url);
    if (!read) return undefined;
    // The plugin's clock says when, as it does for every event.
    const snapshot = { ...read, readAt: this.clock.now().toISOString() };
    await this.snapshots.put(changeId, snapshot);
    return snapshot;
  }

  private async readable(id: string, actor: Caller) {
    const found = await this.store.getChangeAndResource(id);
    if (!found) throw new NotFoundError(`No change with id '${id}'`);
    await this.access.authorizeRead(actor, found.resource);
    return found.change;
  }

  private async answer(
    change: StoredChange,
    snapshot: PullRequestSnapshot | undefined,
  ): Promise<ChangePullRequest> {
    const deployedSha = snapshot
      ? await this.deployedSha(change.id)
      : undefined;
    return {
      url: change.pullRequestUrl ?? null,
      reader: Boolean(this.reader?.read),
      snapshot: snapshot ?? null,
      warnings: snapshot ? pullRequestWarnings(snapshot, deployedSha) : [],
      ...(deployedSha && { deployedSha }),
    };
  }

  /** The commit the last deploy recorded, if any. */
  private async deployedSha(changeId: string): Promise<string | undefined> {
    const events = await this.store.listEvents(changeId);
    const deploy = events.filter(e => e.action === 'deploy').pop();
    return deploy?.fields.commitSha || undefined;
  }
}
