/**
 * Types, workflow rules and schemas shared by the change-management plugins.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './schemas';
