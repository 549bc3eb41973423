export interface Config {
  changeManagement?: {
    risk?: {
      /** The risk-lifecycle module's factor. */
      lifecycle?: {
        /**
         * The lifecycles that add risk to a change touching them. Defaults
         * to `experimental` and `deprecated`.
         */
        lifecycles?: string[];
        /** The points added per affected entity in one. Defaults to 3. */
        points?: number;
      };
    };
  };
}
