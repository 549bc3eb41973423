import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AnyZodObject, z } from 'zod';

/** A zod object as the registry's types name it: its own copy of zod v3. */
type RegistryZodObject = ReturnType<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>;

/**
 * A schema of -common, handed to the actions registry as it is.
 *
 * Decision: the registry passes `z` from its own `zod/v3`, which here is
 * the v3 inside zod 4 (its range is `^3.25.76 || ^4.0.0`), while -common is
 * built on zod 3.25. Both are zod v3: the registry only calls `safeParse`
 * and reads `_def` through zod-to-json-schema, so a shared schema validates
 * and describes itself there exactly as it does for the HTTP API, with the
 * same messages, and cannot drift from it. Only their TypeScript classes
 * differ (each copy declares its own, with private members), which this one
 * cast bridges, keeping what the schema reads and yields typed. Writing the
 * schemas again with the registry's `z` would copy the contract, most of it
 * for the outputs. Tests invoke every action through the real registry to
 * hold this; should a registry check `instanceof` or take zod 4 schemas,
 * they fail.
 */
export function registrySchema<T extends AnyZodObject>(schema: T) {
  return schema as unknown as RegistryZodObject & {
    readonly _input: z.input<T>;
    readonly _output: z.output<T>;
  };
}
