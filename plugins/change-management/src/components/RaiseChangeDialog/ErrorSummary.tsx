import { forwardRef } from 'react';
import Link from '@material-ui/core/Link';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { Form } from './draftForm';

export type ErrorSummaryProps = {
  /** Each input with an issue, in the form's order. */
  invalid: { input: keyof Form; message: string }[];
  /** What names no input. */
  general: string[];
  /** Takes the user to an input. */
  onGoTo: (input: keyof Form) => void;
};

/**
 * Everything that keeps the form from going to the server, above it, read
 * out as an alert: each issue leads to its input.
 */
export const ErrorSummary = forwardRef<HTMLDivElement, ErrorSummaryProps>(
  ({ invalid, general, onGoTo }, ref) => {
    if (!invalid.length && !general.length) {
      return null;
    }
    return (
      <Alert severity="error" ref={ref} tabIndex={-1}>
        {invalid.length > 0 && (
          <AlertTitle>
            {invalid.length === 1
              ? 'One field needs fixing'
              : `${invalid.length} fields need fixing`}
          </AlertTitle>
        )}
        {general.map(message => (
          <div key={message}>{message}</div>
        ))}
        {invalid.length > 0 && (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {invalid.map(({ input, message }) => (
              <li key={input}>
                <Link
                  component="button"
                  variant="body2"
                  color="inherit"
                  underline="always"
                  style={{ textAlign: 'left' }}
                  onClick={() => onGoTo(input)}
                >
                  {message}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Alert>
    );
  },
);
