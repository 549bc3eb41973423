export { EntityChangesCard } from './EntityChangesCard';
