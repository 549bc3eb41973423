import {
  AUDIT_SUBPATH,
  CHANGE_SUBPATH,
} from '@trove/backstage-plugin-change-management-common';
import { Route, Routes } from 'react-router-dom';
import { AuditPage } from './AuditPage';
import { ChangeManagementPage } from './ChangeManagementPage';
import { ChangePage } from './ChangePage';

/** The plugin's own pages: the portal page, one page per change, the Audit page. */
export const Router = () => (
  <Routes>
    <Route path="/" element={<ChangeManagementPage />} />
    <Route path={CHANGE_SUBPATH} element={<ChangePage />} />
    <Route path={AUDIT_SUBPATH} element={<AuditPage />} />
  </Routes>
);
