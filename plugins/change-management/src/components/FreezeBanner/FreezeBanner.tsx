import { WarningPanel } from '@backstage/core-components';
import {
  describeFreezeWindow,
  reopensOn,
  UNTIL_FIXED,
} from '@trove/backstage-plugin-change-management-common';
import { DateTime } from 'luxon';
import { FreezeStatus } from '../../api';

const formatTime = (iso: string) =>
  DateTime.fromISO(iso, { zone: 'UTC' }).toFormat("yyyy-LL-dd HH:mm 'UTC'");

/**
 * Says plainly when production deploys are frozen, and until when; only
 * emergency changes may deploy then (SOP, Deployment Freeze).
 */
export const FreezeBanner = ({ status }: { status?: FreezeStatus }) => {
  const [blackout] = status?.blackouts ?? [];
  if (blackout && !status?.frozen) {
    return (
      <WarningPanel
        severity="warning"
        title={`Deployment blackout: ${blackout.reason}`}
        message={`Production deploys to ${
          blackout.entityRef
        } and everything that is part of it are closed ${
          // An unreadable annotation holds them until it is fixed.
          blackout.end === UNTIL_FIXED
            ? 'until the annotation is fixed'
            : `from ${formatTime(blackout.start)} to ${formatTime(
                blackout.end,
              )}`
        }. Emergency changes still can deploy, with CTO approval, and the override is recorded.`}
      />
    );
  }
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
      message={`Production reopens on ${reopensOn(
        status.window,
        status.timeZone,
      )}. Until then standard and infrastructure changes cannot be deployed to production. Emergency changes still can, with CTO approval, and the override is recorded.`}
    />
  );
};
