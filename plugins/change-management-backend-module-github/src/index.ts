/**
 * The GitHub module of the change-management plugin: GitHub Environments
 * ask the change-management gate before a deployment runs, through a custom
 * deployment protection rule.
 *
 * @packageDocumentation
 */

export { changeManagementModuleGithub as default } from './module';
