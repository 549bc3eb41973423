import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { Link } from '@backstage/core-components';
import {
  IndexableDocument,
  ResultHighlight,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import { ChangeDocument } from '@trove/backstage-plugin-change-management-common';

/** @public */
export interface ChangeSearchResultListItemProps {
  icon?: ReactNode | ((result: IndexableDocument) => ReactNode);
  result?: IndexableDocument;
  highlight?: ResultHighlight;
  rank?: number;
  lineClamp?: number;
}

/**
 * A change found by Backstage search: its title linking to its page, its
 * description, and its type and state. The search page wraps it in its list
 * item, which reports the click to analytics.
 *
 * @public
 */
export function ChangeSearchResultListItem(
  props: ChangeSearchResultListItemProps,
) {
  const { highlight, lineClamp = 5 } = props;
  const result = props.result as ChangeDocument | undefined;
  if (!result) return null;

  // Which of the search engine's fields matched, with the match marked.
  const highlighted = (field: 'title' | 'text') => {
    const text = highlight?.fields[field];
    return text ? (
      <HighlightedSearchResultText
        text={text}
        preTag={highlight!.preTag}
        postTag={highlight!.postTag}
      />
    ) : (
      result[field]
    );
  };
  const icon =
    typeof props.icon === 'function' ? props.icon(result) : props.icon;

  return (
    <Box
      display="flex"
      alignItems="flex-start"
      data-testid="change-search-result"
    >
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <Box flexWrap="wrap">
        <ListItemText
          primaryTypographyProps={{ variant: 'h6' }}
          // The search page's grey makes the secondary text's grey 4.4:1,
          // under axe's 4.5:1, so the description is in the primary colour.
          secondaryTypographyProps={{ color: 'textPrimary' }}
          primary={
            // The search page's list item reports the click (noTrack here).
            <Link noTrack to={result.location}>
              {highlighted('title')}
            </Link>
          }
          secondary={
            <span
              style={{
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: lineClamp,
                overflow: 'hidden',
              }}
            >
              {highlighted('text')}
            </span>
          }
        />
        <Box>
          <Chip label={`Type: ${result.changeType}`} size="small" />
          <Chip label={`State: ${result.state}`} size="small" />
        </Box>
      </Box>
    </Box>
  );
}
