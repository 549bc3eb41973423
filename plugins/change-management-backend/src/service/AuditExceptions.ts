import { AuditExceptionList } from '@trove/backstage-plugin-change-management-common';
import { ChangeStore } from '../database/ChangeStore';
import { Actor, ChangeAccess } from './ChangeAccess';
import { checkPeriod, Period } from './ChangeLogService';
import { Clock } from './Clock';

/**
 * The exceptions of a period, which the auditor reads first: waived
 * reviews, self-approvals, freeze overrides, late and missing
 * retrospectives, deploys never verified, failed verifications, roll-backs.
 */
export class AuditExceptions {
  constructor(
    private readonly store: ChangeStore,
    private readonly access: ChangeAccess,
    private readonly clock: Clock,
  ) {}

  async list(period: Period, actor: Actor): Promise<AuditExceptionList> {
    const { from, to } = checkPeriod(period);
    await this.access.authorizeAudit(actor.credentials);
    const permissionFilter = await this.access.readFilter(actor);
    return {
      items: await this.store.listAuditExceptions({
        from,
        to,
        now: this.clock.now(),
        permissionFilter,
      }),
    };
  }
}
