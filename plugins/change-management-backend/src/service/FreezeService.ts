import {
  findFreezeWindow,
  FreezeWindow,
} from '@trove/backstage-plugin-change-management-common';
import { Clock } from './Clock';
import { ChangeManagementConfig } from './config';

/** Whether production deploys are frozen, from the configured calendar. */
export class FreezeService {
  constructor(
    private readonly config: ChangeManagementConfig,
    private readonly clock: Clock,
  ) {}

  /** The freeze at a time, now by default. */
  status(at?: Date): {
    frozen: boolean;
    timeZone: string;
    window?: FreezeWindow;
  } {
    const window = findFreezeWindow(at ?? this.clock.now(), this.config.freeze);
    return { frozen: !!window, timeZone: this.config.freeze.timeZone, window };
  }
}
