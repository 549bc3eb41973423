export { ChangesTable } from './ChangesTable';
export type { ChangesTableProps, ListColumn } from './ChangesTable';
