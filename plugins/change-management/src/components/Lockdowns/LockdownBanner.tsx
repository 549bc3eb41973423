import { WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Lockdown } from '@trove/backstage-plugin-change-management-common';
import Box from '@material-ui/core/Box';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import { changeManagementApiRef } from '../../api';

const formatTime = (iso: string) =>
  DateTime.fromISO(iso, { zone: 'UTC' }).toFormat("yyyy-LL-dd HH:mm 'UTC'");

/** One lockdown in words: what it covers, since when and until when. */
export function lockdownWords(lockdown: Lockdown): string {
  const scope = lockdown.entityRef
    ? `${lockdown.entityRef} and everything that is part of it`
    : 'everything';
  const until = lockdown.end
    ? `until ${formatTime(lockdown.end)}`
    : 'until the CTO lifts it';
  return `The CTO locked down production deploys to ${scope} from ${formatTime(
    lockdown.start,
  )} ${until}. Standard and infrastructure changes cannot be deployed; emergency changes still can, with CTO approval, and the override is recorded.`;
}

/**
 * Issue 24: a banner for each lockdown in force over the entity (itself,
 * its System or its Domain), from one request. Beside the FreezeBanner on
 * the entity's Changes tab and card.
 */
export const LockdownBanner = ({ entityRef }: { entityRef: string }) => {
  const api = useApi(changeManagementApiRef);
  const { value } = useAsync(
    () => api.listLockdowns({ active: true, entityRef }),
    [api, entityRef],
  );
  if (!value?.items.length) {
    return null;
  }
  return (
    <>
      {value.items.map(lockdown => (
        <Box key={lockdown.id} mb={1}>
          <WarningPanel
            severity="error"
            title={`Production lockdown: ${lockdown.reason}`}
            message={lockdownWords(lockdown)}
          />
        </Box>
      ))}
    </>
  );
};
