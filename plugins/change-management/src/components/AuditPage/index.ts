export { AuditLink } from './AuditLink';
export { AuditPage } from './AuditPage';
