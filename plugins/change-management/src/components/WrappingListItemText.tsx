import ListItemText from '@material-ui/core/ListItemText';
import { withStyles } from '@material-ui/core/styles';

/**
 * A dense list item's text that wraps. Backstage's theme clips the text of
 * a dense `ListItemText` to one line with an ellipsis, which on a phone cut
 * a risk reason off mid-sentence ("… (1 System, 1 team"). Sentences and
 * check names must be read whole.
 */
export const WrappingListItemText = withStyles({
  dense: {
    whiteSpace: 'normal',
    overflow: 'visible',
    overflowWrap: 'anywhere',
  },
})(ListItemText);
