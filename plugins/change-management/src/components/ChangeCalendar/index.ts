export { LazyChangeCalendar } from './LazyChangeCalendar';
export type { ChangeCalendarProps } from './ChangeCalendar';
