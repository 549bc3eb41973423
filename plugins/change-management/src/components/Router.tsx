import { Route, Routes } from 'react-router-dom';
import { AuditPage } from './AuditPage';
import { ChangeManagementPage } from './ChangeManagementPage';
import { ChangePage } from './ChangePage';

/** The plugin's own pages: the portal page, one page per change, the Audit page. */
export const Router = () => (
  <Routes>
    <Route path="/" element={<ChangeManagementPage />} />
    <Route path="/changes/:id" element={<ChangePage />} />
    <Route path="/audit" element={<AuditPage />} />
  </Routes>
);
