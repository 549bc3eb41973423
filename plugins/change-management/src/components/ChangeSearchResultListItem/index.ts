export { ChangeSearchResultListItem } from './ChangeSearchResultListItem';
export type { ChangeSearchResultListItemProps } from './ChangeSearchResultListItem';
