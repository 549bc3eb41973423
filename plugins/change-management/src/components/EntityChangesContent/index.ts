export { EntityChangesContent } from './EntityChangesContent';
