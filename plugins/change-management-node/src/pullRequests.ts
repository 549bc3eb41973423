import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { PullRequestSnapshot } from '@trove/backstage-plugin-change-management-common';

/**
 * Reads the pull request a change links, where the code lives (issue 20):
 * a module that knows the code host, such as the GitHub module, sets one.
 *
 * @public
 */
export interface ChangePullRequestReader {
  /**
   * Why the change may not link this pull request, in words a person can
   * act on: it does not exist, or its repository cannot be reached.
   * Undefined when it can be read, or when the reader does not know the
   * URL's host.
   */
  problemWith(pullRequestUrl: string): Promise<string | undefined>;

  /**
   * The pull request as it is now: its state, approvals and checks.
   * Undefined when the reader does not know the URL's host; throws when it
   * cannot read it.
   */
  read?(pullRequestUrl: string): Promise<PullRequestSnapshot | undefined>;
}

/** @public */
export interface ChangePullRequestReaderExtensionPoint {
  setPullRequestReader(reader: ChangePullRequestReader): void;
}

/**
 * Where a module sets the change-management plugin's pull request reader;
 * on submit, a change whose pull request it cannot read is refused.
 *
 * @public
 */
export const changePullRequestReaderExtensionPoint =
  createExtensionPoint<ChangePullRequestReaderExtensionPoint>({
    id: 'change-management.pull-request-reader',
  });
