import type { z } from 'zod';
import { call, type CallSpec } from './define';
import { statusInputSchema, type StatusDto } from './status';
import { inspectInputSchema, type TokenInspection } from './tokens';

/** Every call either transport carries: its input schema, the role it needs, its output type. */
export const calls = {
  status: call<StatusDto>()({
    input: statusInputSchema,
    role: 'support',
    summary: 'Version, data folder and the caller’s role.',
  }),
  'tokens.inspect': call<TokenInspection>()({
    input: inspectInputSchema,
    role: 'support',
    summary: 'Decode and lint a token, and verify its signature against the given key material.',
  }),
} as const;

/** The name of a call. */
export type CallName = keyof typeof calls;

/** All call names, for code that must enumerate the contract (the preload). */
export const callNames = Object.keys(calls) as readonly CallName[];

type SpecOf<K extends CallName> = (typeof calls)[K];

/** What a caller passes to call K. */
export type CallInput<K extends CallName> = z.input<SpecOf<K>['input']>;

/** What the implementation of K receives once its input has been validated. */
export type ParsedInput<K extends CallName> = z.output<SpecOf<K>['input']>;

/** What call K returns. */
export type CallOutput<K extends CallName> =
  SpecOf<K> extends CallSpec<z.ZodType, infer O> ? O : never;

/** Whether a string names a call of the contract. */
export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}

export * from './define';
export * from './errors';
export * from './events';
export * from './status';
export * from './tokens';
export * from './api';
export * from './wire';
export * from './ipc-channels';
