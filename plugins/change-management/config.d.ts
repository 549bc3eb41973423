export interface Config {
  changeManagement?: {
    /**
     * Where the portal links to the Change Management SOP, the source of
     * every rule it enforces: its empty lists point newcomers there.
     * @visibility frontend
     */
    sopUrl?: string;
  };
}
