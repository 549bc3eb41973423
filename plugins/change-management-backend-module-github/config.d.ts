import { HumanDuration } from '@backstage/types';

export interface Config {
  changeManagement?: {
    github?: {
      /**
       * Read the pull request a change links when it is submitted: one that
       * does not exist, or in a repository `integrations.github` cannot
       * reach, is refused (400, naming `pullRequestUrl`). Off by default.
       */
      verifyPullRequests?: boolean;
      /**
       * Refuse a production sign-off and a deploy (400, naming
       * `pullRequestUrl` and this key) while the change's pull request is
       * not merged, or cannot be read. Off by default: the CTO is warned.
       */
      requireMergedPullRequest?: boolean;
      /**
       * Refuse a production sign-off and a deploy while a check run on the
       * head commit of the change's pull request failed or has not
       * finished, or the pull request cannot be read. Off by default: the
       * CTO is warned.
       */
      requireGreenChecks?: boolean;
      /**
       * The GitHub Environments whose deployments wait on the
       * change-management gate. The GitHub App of the custom deployment
       * protection rule must be enabled on each. A deployment to any other
       * repository or environment is ignored (and logged).
       */
      environments?: Array<{
        /** The repository, as `owner/name`. */
        repository: string;
        /** The GitHub Environment's name, e.g. `production`. */
        environment: string;
        /**
         * Which of the gate's environments it is: `production` (the
         * default) or `staging`.
         */
        gate?: 'production' | 'staging';
        /** The GitHub host of the repository; `github.com` by default. */
        host?: string;
      }>;
      /**
       * How often one replica judges the held deployments again, for what
       * changes with time alone (a freeze, blackout or lockdown that ends);
       * a change that moves is judged again at once. Every minute by default.
       */
      recheckFrequency?: string | HumanDuration;
    };
  };
}
