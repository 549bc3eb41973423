import { Route, Routes } from 'react-router-dom';
import { ChangeManagementPage } from './ChangeManagementPage';
import { ChangePage } from './ChangePage';

/** The plugin's own pages: the portal page and one page per change. */
export const Router = () => (
  <Routes>
    <Route path="/" element={<ChangeManagementPage />} />
    <Route path="/changes/:id" element={<ChangePage />} />
  </Routes>
);
