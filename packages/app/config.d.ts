export interface Config {
  app?: {
    /**
     * Development sign-in: a user picker that signs in through the backend's
     * `dev` auth provider. Leave it unset in production, where a real sign-in
     * provider is used instead.
     */
    devSignIn?: {
      /**
       * The catalog user names offered on the sign-in page.
       * @visibility frontend
       */
      users: Array<{
        /** @visibility frontend */
        name: string;
        /** @visibility frontend */
        description?: string;
      }>;
    };
  };
}
