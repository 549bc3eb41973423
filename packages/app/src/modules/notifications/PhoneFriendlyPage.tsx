import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';

// The notifications page lays its filters and its table out on a 12-column
// grid, 2 and 10 wide at every size: on a 390 px phone the table's column
// is a quarter of the screen and wraps one word per line. Below 600 px each
// part takes the whole width, the filters above the table; and the table
// gives its text the room the other columns pad away (the first 2.5rem,
// inline; MUI's dense cells 16 and 24 px a side), its last one spends on
// buttons side by side, stacked here, and the gap beside the severity icon.
// (These rules are not in a cascade layer, so they come before Backstage
// UI's, which are.)
const useStyles = makeStyles(theme => ({
  page: {
    [theme.breakpoints.down('xs')]: {
      '& .bui-Grid': { gridTemplateColumns: 'minmax(0, 1fr)' },
      '& .bui-GridItem': { gridColumn: '1 / -1' },
      '& table td, & table th': {
        paddingLeft: `${theme.spacing(1)}px !important`,
        paddingRight: `${theme.spacing(1)}px !important`,
      },
      // The notice's own column starts where its checkbox's padding ends.
      '& table td:nth-child(2)': { paddingLeft: '0 !important' },
      '& table td:nth-child(2) > div > .bui-Flex': {
        gap: `${theme.spacing(1)}px !important`,
      },
      '& table td:last-child .bui-Flex, & table th:last-child .bui-Flex': {
        flexDirection: 'column',
      },
    },
  },
}));

/** A page laid out on Backstage UI's grid, one column on a phone. */
export const PhoneFriendlyPage = ({ children }: { children: ReactNode }) => {
  const classes = useStyles();
  return <div className={classes.page}>{children}</div>;
};
