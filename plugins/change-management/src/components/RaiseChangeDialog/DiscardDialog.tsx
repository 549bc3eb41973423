import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';

/**
 * Asks before a filled form is thrown away by a click outside it, Escape
 * or Close. Keeping on editing is the default.
 */
export const DiscardDialog = (props: {
  open: boolean;
  onKeep: () => void;
  onDiscard: () => void;
}) => (
  <Dialog
    open={props.open}
    onClose={props.onKeep}
    aria-labelledby="raise-change-discard-title"
    aria-describedby="raise-change-discard-text"
  >
    <DialogTitle id="raise-change-discard-title">
      Discard this change?
    </DialogTitle>
    <DialogContent>
      <DialogContentText id="raise-change-discard-text">
        What you typed has not been saved. Save it as a draft to keep it.
      </DialogContentText>
    </DialogContent>
    <DialogActions>
      <Button onClick={props.onDiscard}>Discard</Button>
      <Button
        onClick={props.onKeep}
        color="primary"
        variant="contained"
        disableFocusRipple
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
      >
        Keep editing
      </Button>
    </DialogActions>
  </Dialog>
);
