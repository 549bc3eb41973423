import { createHash } from 'node:crypto';
import {
  AUDIT_PAGE_PATH,
  AuditVerification,
} from '@trove/backstage-plugin-change-management-common';
import canonicalize from 'canonicalize';
import { Notice } from './notices';

/**
 * What a failed verification is known by: the same failure found again, or
 * by another replica, has the same key, so that its notice goes once. As
 * long as an event id, which the outbox keys its rows by.
 */
export function verificationKey(result: AuditVerification): string {
  const hash = createHash('sha256').update(canonicalize(result)!);
  return `verification-${hash.digest('hex').slice(0, 23)}`;
}

/**
 * The notice of a failed verification: to the users who hold the CTO role,
 * critical, linking to the audit page. Throws when nobody holds the role,
 * so that the outbox tries again.
 */
export function verificationNotice(
  result: AuditVerification,
  ctoUsers: string[],
): Notice {
  if (ctoUsers.length === 0) {
    throw new Error('Nobody holds the CTO role in the catalog');
  }
  return {
    kind: 'verification',
    recipients: ctoUsers,
    payload: {
      title: 'The change-management audit trail failed verification',
      description: result.problem,
      severity: 'critical',
      link: AUDIT_PAGE_PATH,
      topic: 'change-management-audit',
    },
  };
}
