export { FreezeBanner } from './FreezeBanner';
