import { ResponseError } from '@backstage/errors';
import { ChangeView } from '@trove/backstage-plugin-change-management-common';
import { ChangeManagementApi } from '../../../api';
import { renderWithCatalog } from '../../../__testUtils__/renderWithCatalog';
import { RaiseChangeDialog } from '../RaiseChangeDialog';

/** A 400 as the API client throws it, with the server's issues. */
export function inputError(issues: { path: string; message: string }[]) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'InputError', message: 'Invalid request', issues },
        response: { statusCode: 400 },
      }),
      { status: 400, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/**
 * The dialog as an entity page opens it, or on a draft to edit. The risk
 * the form asks for is off (`{}`) unless the API given answers it.
 */
export async function renderDialog(
  api: Partial<ChangeManagementApi>,
  onClose = jest.fn(),
  change?: ChangeView,
) {
  return renderWithCatalog(
    <RaiseChangeDialog
      open
      onClose={onClose}
      entityRef="component:default/payments-service"
      change={change}
    />,
    { previewRisk: async () => ({}), ...api },
  );
}
