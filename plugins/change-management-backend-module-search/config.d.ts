import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The change-management collator of Backstage search. */
      changeManagement?: {
        /**
         * When every change is indexed anew; by default every 10 minutes,
         * 3 seconds after start-up, with a 15-minute timeout.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
