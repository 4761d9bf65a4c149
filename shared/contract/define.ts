import { z } from 'zod';

/** Input of calls that take none: an empty object, extra fields refused. */
export const emptyInputSchema = z.object({}).strict();

/** Who may make a call: support reads and decodes; admin may also revoke, rotate and change policy. */
export type Role = 'support' | 'admin';

/** A call's declaration: the schema its input must pass, the role it needs, its output type. */
export interface CallSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly role: Role;
  readonly summary: string;
  /** Type-only: carries the output type; never set at run time. */
  readonly output?: O;
}

/**
 * Declares a call. Curried so the output type is written explicitly while the input
 * type is inferred from its schema: `call<Out>()({ input, role, summary })`.
 */
export function call<O>() {
  return <I extends z.ZodType>(spec: { input: I; role: Role; summary: string }): CallSpec<I, O> =>
    spec;
}

/** Declares a live event's payload type (type-only; the value is a marker). */
export function event<P>(): EventSpec<P> {
  return {};
}

/** A live event's declaration. */
export interface EventSpec<P> {
  readonly payload?: P;
}

/** Whether a caller with `have` may make a call that needs `need`. */
export function roleAllows(have: Role, need: Role): boolean {
  return need === 'support' || have === 'admin';
}
