import { ChainCheckpointList } from '@trove/backstage-plugin-change-management-common';
import { ChainStore } from '../database/ChainStore';
import { Caller, ChangeAccessService } from './ChangeAccessService';
import { ChainVerificationService } from './ChainVerificationService';
import { ChangeManagementMetrics } from './ChangeManagementMetrics';

/** How many checkpoints `GET /audit/checkpoints` lists: a year of nights. */
const CHECKPOINTS_LISTED = 366;

/**
 * The verification of the audit trail and its checkpoints, for whoever the
 * policy lets read the audit evidence (`change-management.audit.read`).
 */
export class AuditTrailService {
  constructor(
    private readonly verifier: ChainVerificationService,
    private readonly store: ChainStore,
    private readonly access: ChangeAccessService,
    private readonly metrics: ChangeManagementMetrics,
  ) {}

  async verify(actor: Caller) {
    await this.access.authorizeAudit(actor.credentials);
    return this.metrics.timeVerification(() => this.verifier.verify());
  }

  /** The checkpoints, newest first. */
  async checkpoints(actor: Caller): Promise<ChainCheckpointList> {
    await this.access.authorizeAudit(actor.credentials);
    return { items: await this.store.listCheckpoints(CHECKPOINTS_LISTED) };
  }
}
