import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { GatedEnvironment } from './config';
import { GithubDeployment } from './findChange';

const TABLE = 'change_github_deployment_requests';

/** How GitHub was last answered: not yet, with a status report, or for good. */
export type RequestState = 'pending' | 'held' | 'approved' | 'rejected';

/** A deployment GitHub waits on, as recorded. */
export interface DeploymentRequest extends GatedEnvironment {
  id: string;
  callbackUrl: string;
  deployment: GithubDeployment;
  state: RequestState;
  changeId?: string;
  /** The last comment GitHub was given. */
  comment?: string;
  version: number;
  createdAt: Date;
}

/** What one judgement changes, if anything. */
export interface Judgement {
  state: Exclude<RequestState, 'pending'>;
  changeId?: string;
  comment: string;
}

/**
 * The deployment protection rule requests GitHub waits on, in the plugin's
 * database (a module's database is its plugin's), so that the outbox rows
 * that answer them are written in the same transaction.
 */
export class DeploymentRequestStore {
  static async create(database: DatabaseService) {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({
        directory: resolvePackagePath(
          '@trove/backstage-plugin-change-management-backend-module-github',
          'migrations',
        ),
        // Beside the plugin's own migrations, in the same database.
        tableName: 'knex_migrations_change_management_github',
      });
    }
    return new DeploymentRequestStore(db);
  }

  constructor(private readonly db: Knex) {}

  /**
   * Records a request in `tx`, unless its callback URL is known (GitHub
   * redelivered the webhook); resolves to its id, or undefined if known.
   */
  async record(
    tx: Knex.Transaction,
    request: GatedEnvironment & {
      callbackUrl: string;
      deployment: GithubDeployment;
    },
    at: Date,
  ): Promise<string | undefined> {
    const [row] = await tx(TABLE)
      .insert({
        callback_url: request.callbackUrl,
        host: request.host,
        repository: request.repository,
        environment: request.environment,
        gate: request.gate,
        deployment: JSON.stringify(request.deployment),
        state: 'pending',
        version: 0,
        created_at: at,
        updated_at: at,
      })
      .onConflict('callback_url')
      .ignore()
      .returning('id');
    return row === undefined ? undefined : String(row.id ?? row);
  }

  async get(id: string): Promise<DeploymentRequest | undefined> {
    const row = await this.db(TABLE).where({ id }).first();
    return row && requestOf(row);
  }

  /** The requests not yet answered for good, oldest first. */
  async open(changeId?: string): Promise<DeploymentRequest[]> {
    const query = this.db(TABLE)
      .whereIn('state', ['pending', 'held'])
      .orderBy('id');
    if (changeId) query.where('change_id', changeId);
    return (await query).map(requestOf);
  }

  /**
   * Moves a request on from `version`, and runs `then` in the same
   * transaction, only if no one moved it first; resolves to the new version,
   * or undefined if someone did.
   */
  async moveOn(
    request: DeploymentRequest,
    judgement: Judgement,
    at: Date,
    then: (tx: Knex.Transaction, version: number) => Promise<unknown>,
  ): Promise<number | undefined> {
    const version = request.version + 1;
    return this.db.transaction(async tx => {
      const moved = await tx(TABLE)
        .where({ id: request.id, version: request.version })
        .update({
          state: judgement.state,
          change_id: judgement.changeId ?? null,
          comment: judgement.comment,
          version,
          updated_at: at,
        });
      if (moved !== 1) return undefined;
      await then(tx, version);
      return version;
    });
  }

  /** GitHub gave up on these: no longer re-checked. */
  async forget(createdBefore: Date): Promise<number> {
    return this.db(TABLE)
      .whereIn('state', ['pending', 'held'])
      .where('created_at', '<', createdBefore)
      .delete();
  }

  transaction<T>(fn: (tx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }
}

function requestOf(row: Record<string, any>): DeploymentRequest {
  return {
    id: String(row.id),
    callbackUrl: row.callback_url,
    host: row.host,
    repository: row.repository,
    environment: row.environment,
    gate: row.gate,
    deployment: JSON.parse(row.deployment),
    state: row.state,
    changeId: row.change_id ?? undefined,
    comment: row.comment ?? undefined,
    version: Number(row.version),
    createdAt: new Date(row.created_at),
  };
}
