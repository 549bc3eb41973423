export { PullRequestWarnings } from './PullRequestWarnings';
