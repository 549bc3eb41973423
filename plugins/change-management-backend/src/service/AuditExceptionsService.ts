import {
  AuditCounts,
  AuditExceptionList,
  auditExceptionKindSchema,
  CHANGE_TYPES,
} from '@trove/backstage-plugin-change-management-common';
import { AuditQuery, ChangeStore } from '../database/ChangeStore';
import { Caller, ChangeAccessService } from './ChangeAccessService';
import { checkPeriod, Period } from './ChangeLogService';
import { Clock } from './Clock';

/** A period of the audit, optionally one entity's (a System's with its parts). */
export type AuditScope = Period & { entityRef?: string };

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map(key => [key, 0])) as Record<K, number>;

/**
 * The exceptions of a period, which the auditor reads first: waived
 * reviews, self-approvals, freeze overrides, late and missing
 * retrospectives, deploys never verified, failed verifications, roll-backs.
 */
export class AuditExceptionsService {
  constructor(
    private readonly store: ChangeStore,
    private readonly access: ChangeAccessService,
    private readonly clock: Clock,
  ) {}

  async list(scope: AuditScope, actor: Caller): Promise<AuditExceptionList> {
    return { items: await this.exceptionsOf(await this.query(scope, actor)) };
  }

  /**
   * The period at a glance, counted in SQL: the changes raised in it by
   * type, the changes deployed to production in it and its exceptions by
   * kind. Every type and kind is listed, with 0 where there were none.
   */
  async counts(scope: AuditScope, actor: Caller): Promise<AuditCounts> {
    const query = await this.query(scope, actor);
    const [byType, productionDeploys, exceptions] = await Promise.all([
      this.store.countByType(query),
      this.store.countProduction(query),
      this.exceptionsOf(query),
    ]);
    const byKind = zeroes(auditExceptionKindSchema.options);
    for (const { kind } of exceptions) byKind[kind] += 1;
    const counted = { ...zeroes(CHANGE_TYPES), ...byType };
    return {
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      entityRef: scope.entityRef,
      changes: Object.values(counted).reduce((sum, n) => sum + n, 0),
      byType: counted,
      productionDeploys,
      exceptions: byKind,
    };
  }

  private async query(scope: AuditScope, actor: Caller): Promise<AuditQuery> {
    const { from, to } = checkPeriod(scope);
    await this.access.authorizeAudit(actor.credentials);
    const permissionFilter = await this.access.readFilter(actor);
    return { from, to, entityRef: scope.entityRef, permissionFilter };
  }

  private exceptionsOf(query: AuditQuery) {
    return this.store.listAuditExceptions({ ...query, now: this.clock.now() });
  }
}
