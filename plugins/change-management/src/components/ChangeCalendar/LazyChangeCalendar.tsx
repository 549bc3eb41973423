import { lazy, Suspense } from 'react';
import { Progress } from '@backstage/core-components';
import type { ChangeCalendarProps } from './ChangeCalendar';

// The calendar library and its stylesheet load with the calendar, not
// with the lists beside it.
const ChangeCalendar = lazy(() =>
  import('./ChangeCalendar').then(m => ({ default: m.ChangeCalendar })),
);

/** The change calendar, loaded when it is first shown. */
export const LazyChangeCalendar = (props: ChangeCalendarProps) => (
  <Suspense fallback={<Progress />}>
    <ChangeCalendar {...props} />
  </Suspense>
);
