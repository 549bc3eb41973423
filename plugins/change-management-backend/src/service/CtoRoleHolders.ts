import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogGraph } from './CatalogGraph';

/**
 * The users who hold the CTO role: the users named in config
 * `changeManagement.roles.cto`, and the direct members (`hasMember`) of the
 * groups named there, as the catalog has them, the way the notifications
 * backend expands a group. Read with the plugin's own credentials, every
 * group in one batched call. Whether a CTO may peer-review a change depends
 * on whether another holder could approve it, so a CTO's every request
 * asks: give it a catalog that keeps its answers a few seconds
 * (RecentEntities).
 */
export class CtoRoleHolders {
  constructor(
    private readonly catalog: Pick<CatalogService, 'getEntitiesByRefs'>,
    private readonly auth: AuthService,
    private readonly ctoRefs: string[],
  ) {}

  /** The holders' user entity refs, sorted. */
  async users(): Promise<string[]> {
    const graph = await CatalogGraph.load(
      this.catalog,
      await this.auth.getOwnServiceCredentials(),
      { entityRefs: [], dependents: false, groupRefs: this.ctoRefs },
    );
    return [...new Set(graph.users(this.ctoRefs))].sort();
  }
}
