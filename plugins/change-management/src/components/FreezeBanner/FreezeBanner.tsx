import { WarningPanel } from '@backstage/core-components';
import { describeFreezeWindow } from '@trove/backstage-plugin-change-management-common';
import { FreezeStatus } from '../../api';

/**
 * Says plainly when production deploys are frozen, and until when; only
 * emergency changes may deploy then (SOP, Deployment Freeze).
 */
export const FreezeBanner = ({ status }: { status?: FreezeStatus }) => {
  if (!status?.frozen || !status.window) {
    return null;
  }
  return (
    <WarningPanel
      severity="warning"
      title={`Deployment freeze: ${describeFreezeWindow(
        status.window,
        status.timeZone,
      )}`}
      message="Standard and infrastructure changes cannot be deployed to production during the freeze. Emergency changes still can, with CTO approval, and the override is recorded."
    />
  );
};
