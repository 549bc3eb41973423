import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import GetAppIcon from '@material-ui/icons/GetApp';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { changeLogFileName } from '@trove/backstage-plugin-change-management-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ChangeLogRequest, changeManagementApiRef } from '../../api';
import { downloadAttachment } from '../download';

/** What the button exports, in words: the rows on screen, counted. */
function exportLabel(shown: number, more: boolean): string {
  if (more) return `Export all ${shown}+ changes that match`;
  return shown === 1 ? 'Export this change' : `Export these ${shown} changes`;
}

export type ExportListProps = {
  /** The list's filters: the export asks the server for the same rows. */
  filters: ChangeLogRequest;
  /** How many changes the list shows on this page. */
  shown: number;
  /** More pages follow: the export holds them too. */
  more: boolean;
};

/**
 * Downloads the change log (the SOP's columns, one row per change) of what
 * the list shows: the server selects the rows by the list's own filters
 * and names the file after them.
 */
export const ExportList = ({ filters, shown, more }: ExportListProps) => {
  const api = useApi(changeManagementApiRef);
  const [{ loading, error }, exportCsv] = useAsyncFn(async () => {
    const csv = await api.exportChangeLog(filters);
    downloadAttachment(
      csv,
      changeLogFileName({
        entityRef: filters.entityRef,
        type: filters.type,
        state: filters.states,
        q: filters.search,
      }),
    );
  }, [api, JSON.stringify(filters)]);

  return (
    <>
      <Button
        variant="outlined"
        color="primary"
        onClick={exportCsv}
        disabled={loading || shown === 0}
        startIcon={
          loading ? (
            <CircularProgress size={16} aria-label="Exporting" />
          ) : (
            <GetAppIcon />
          )
        }
      >
        {exportLabel(shown, more)}
      </Button>
      {error && (
        <Alert severity="error" style={{ width: '100%' }}>
          Could not export the change log: {error.message}
        </Alert>
      )}
    </>
  );
};
