export { ActionQueue } from './ActionQueue';
