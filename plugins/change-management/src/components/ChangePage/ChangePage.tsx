// Placeholder replaced by the change page work in progress.
export const ChangePage = () => null;
