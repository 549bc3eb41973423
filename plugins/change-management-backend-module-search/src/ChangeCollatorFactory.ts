import { Readable } from 'node:stream';
import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  CHANGE_SEARCH_TYPE,
  ChangeDocument,
  ChangeList,
  changeReadPermission,
} from '@trove/backstage-plugin-change-management-common';
import {
  DisplayNames,
  nameOnly,
} from '@trove/backstage-plugin-change-management-node';
import { refsOfChange, toChangeDocument } from './changeDocument';

/** The list's largest page (see ListChanges in the backend's openapi.yaml). */
const MAX_PAGE_SIZE = 100;

/** @public */
export interface ChangeCollatorFactoryOptions {
  auth: AuthService;
  discovery: DiscoveryService;
  catalog: CatalogService;
  logger: LoggerService;
  /** Changes a request, at most 100 (the default). */
  pageSize?: number;
}

/**
 * Indexes every change for Backstage search. It reads the change-management
 * backend's list (`GET /changes`) a page at a time with its own service
 * token, so the backend stays the one that reads its database, and looks up
 * the names of the people and entities in the catalog a page at a time.
 *
 * Each document's `authorization.resourceRef` is the change id and the
 * visibility permission is `change-management.change.read`: the search
 * backend asks the permission framework about each result whose type the
 * policy decides conditionally, so nobody finds a change they may not read.
 *
 * @public
 */
export class ChangeCollatorFactory implements DocumentCollatorFactory {
  readonly type = CHANGE_SEARCH_TYPE;
  readonly visibilityPermission = changeReadPermission;

  private constructor(private readonly options: ChangeCollatorFactoryOptions) {}

  static fromOptions(options: ChangeCollatorFactoryOptions) {
    return new ChangeCollatorFactory(options);
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  async *execute(): AsyncGenerator<ChangeDocument> {
    const { auth, discovery, catalog, logger } = this.options;
    const pageSize = this.options.pageSize ?? MAX_PAGE_SIZE;
    const baseUrl = await discovery.getBaseUrl('change-management');
    const credentials = await auth.getOwnServiceCredentials();
    const names = new DisplayNames(catalog, credentials);
    let cursor: string | undefined;
    let count = 0;
    do {
      // A token a page: a full index can outlast one token's lifetime.
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'change-management',
      });
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (cursor) query.set('cursor', cursor);
      const response = await getPage(`${baseUrl}/changes?${query}`, token);
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      const page = (await response.json()) as ChangeList;
      await names.load(page.items.flatMap(refsOfChange));
      for (const change of page.items) {
        yield toChangeDocument(change, names.nameOf, nameOnly);
      }
      count += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    logger.info(`Indexed ${count} changes`);
  }
}

/**
 * A page of the list. While the search engine takes in the last page, the
 * kept-alive connection idles, and the backend may close it just as the
 * next request goes out ("other side closed"): a GET that failed before any
 * answer is sent once more, on a new connection.
 */
async function getPage(url: string, token: string): Promise<Response> {
  const get = () =>
    fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  try {
    return await get();
  } catch {
    return get();
  }
}
