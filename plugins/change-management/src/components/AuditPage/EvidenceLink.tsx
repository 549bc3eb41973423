import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { changeManagementApiRef } from '../../api';
import { downloadBlob } from '../download';

/**
 * Opens one change's evidence packet, the page the sample's zip holds, in a
 * new tab. The page is fetched with the user's credentials, so the tab is
 * opened within the click (a popup blocker allows that) and shown the page
 * once it has come; where no tab may open, the page is downloaded instead.
 */
export const EvidenceLink = (props: { changeId: string; title: string }) => {
  const api = useApi(changeManagementApiRef);
  const [state, open] = useAsyncFn(async () => {
    const tab = window.open('', '_blank');
    try {
      const page = await api.getAuditEvidencePage(props.changeId);
      const html = new Blob([page], { type: 'text/html' });
      if (tab) {
        tab.location.href = URL.createObjectURL(html);
      } else {
        downloadBlob(html, `evidence-${props.changeId}.html`);
      }
    } catch (error) {
      tab?.close();
      throw error;
    }
  }, [api, props.changeId]);
  return (
    <Button
      size="small"
      color="primary"
      onClick={open}
      disabled={state.loading}
      aria-label={`Open the evidence of ${props.title}`}
      title={state.error ? `Could not open it: ${state.error.message}` : ''}
    >
      {state.error ? 'Evidence (failed, retry)' : 'Evidence'}
    </Button>
  );
};
