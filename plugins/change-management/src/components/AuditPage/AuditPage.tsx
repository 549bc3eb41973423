import { useState } from 'react';
import {
  Content,
  ContentHeader,
  Progress,
  SupportButton,
  WarningPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Grid from '@material-ui/core/Grid';
import {
  changeAuditReadPermission,
  periodIssue,
} from '@trove/backstage-plugin-change-management-common';
import { DateTime } from 'luxon';
import { AuditPeriod } from '../../api';
import { AuditCounts } from './AuditCounts';
import { AuditDownloads } from './AuditDownloads';
import { AuditExceptionList } from './AuditExceptionList';
import { PeriodPicker } from './PeriodPicker';
import { VerificationStatus } from './VerificationStatus';

const ISO_DATE = 'yyyy-MM-dd';

/** This year so far, today included. */
const thisYear = (): AuditPeriod => ({
  from: DateTime.local().startOf('year').toFormat(ISO_DATE),
  to: DateTime.local().plus({ days: 1 }).toFormat(ISO_DATE),
});

const AuditContent = () => {
  const [period, setPeriod] = useState(thisYear);
  const invalid = periodIssue(period)?.message;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <PeriodPicker value={period} onChange={setPeriod} error={invalid} />
      </Grid>
      <Grid item xs={12} md={6}>
        {invalid ? null : <AuditCounts period={period} />}
      </Grid>
      <Grid item xs={12} md={6}>
        <VerificationStatus />
      </Grid>
      <Grid item xs={12}>
        {invalid ? null : <AuditExceptionList period={period} />}
      </Grid>
      <Grid item xs={12}>
        <AuditDownloads period={period} valid={!invalid} />
      </Grid>
    </Grid>
  );
};

/**
 * The Audit page, for the CTO and ops: a period's counts and evidence, and
 * whether the audit trail is intact. Who lacks the audit permission
 * (`change-management.audit.read`) is told so; the API refuses them anyway.
 */
export const AuditPage = () => {
  const { loading, allowed } = usePermission({
    permission: changeAuditReadPermission,
  });
  return (
    <Content>
      <ContentHeader title="Audit">
        <SupportButton title="Audit">
          Evidence of the Change Management SOP for a period: how many changes
          of each type were raised and deployed, the exceptions, the change log
          and a sample of production changes with their evidence. The audit
          trail is hash-chained; verification proves it was not edited, and the
          nightly checkpoints can be kept elsewhere as proof.
        </SupportButton>
      </ContentHeader>
      {loading && <Progress />}
      {!loading && !allowed && (
        <WarningPanel
          severity="info"
          title="The audit evidence is for the CTO and the auditors"
          message="Ask your Backstage admin for the change-management.audit.read permission if you need it."
        />
      )}
      {!loading && allowed && <AuditContent />}
    </Content>
  );
};
