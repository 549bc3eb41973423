export interface Config {
  /** Configuration of the change-management plugin. */
  changeManagement?: {
    roles?: {
      /**
       * User or group entity refs that hold the CTO role of the SOP. A user
       * holds it when their ownership refs (themselves and their groups)
       * include one of these, for example `group:default/cto`.
       */
      cto?: string[];
      /**
       * Who counts as an engineer for the steps any engineer may take: peer
       * review, record staging, deploy, verify and roll back. By default
       * every signed-in user.
       */
      engineers?: {
        /**
         * User or group refs that are not engineers, for example
         * `group:default/ops`: their members may read and raise changes but
         * not take those steps.
         */
        exclude?: string[];
        /**
         * When true, only members of a group that owns one of the change's
         * affected entities take those steps on it. Defaults to false.
         */
        ownersOnly?: boolean;
      };
    };
    /** The deployment freeze: no standard or infrastructure change may deploy. */
    freeze?: {
      /**
       * Yearly windows, each from `start` (inclusive) to `end` (exclusive) as
       * month-day `MM-DD`. A window whose end is before its start spans the
       * new year. Defaults to one window, `10-01` to `01-01`.
       */
      windows?: Array<{
        /** First frozen day, `MM-DD`. */
        start: string;
        /** First day no longer frozen, `MM-DD`. */
        end: string;
      }>;
      /** IANA time zone the windows are read in. Defaults to `UTC`. */
      timeZone?: string;
    };
    /**
     * Whether the CTO may approve or sign off their own change. Each time
     * they do it is recorded as an exception. Defaults to false.
     */
    allowSelfApproval?: boolean;
  };
}
