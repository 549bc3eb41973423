/**
 * Types, workflow rules and schemas shared by the change-management plugins.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './schemas';
export * from './actionSchemas';
export * from './freeze';
export * from './permissions';
export * from './errors';
export * from './workflow';
