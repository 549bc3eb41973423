// Placeholder replaced by the portal page work in progress.
export const ChangeManagementPage = () => null;
