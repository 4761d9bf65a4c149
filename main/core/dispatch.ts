import {
  calls,
  isCallName,
  roleAllows,
  type CallName,
  type CallOutput,
  type CallResult,
  type ParsedInput,
  unknownCallError,
} from '../../shared/contract';
import type { Caller } from './caller';
import { formatIssues } from './format-issues';
import { TesseraError } from './tessera-error';

/** The contract's implementation: one handler per call, given validated input. */
export type Handlers = {
  readonly [K in CallName]: (
    input: ParsedInput<K>,
    caller: Caller,
  ) => Promise<CallOutput<K>> | CallOutput<K>;
};

/** Where unexpected failures are reported; their details never cross a transport. */
export type ErrorLog = (message: string, error: unknown) => void;

/**
 * The one gate every transport goes through: the call must exist, the caller's role must
 * allow it, and its input must pass the schema, all before the implementation runs.
 */
export function createDispatcher(handlers: Handlers, logError: ErrorLog) {
  return async function dispatch(
    name: unknown,
    input: unknown,
    caller: Caller,
  ): Promise<CallResult<unknown>> {
    if (!isCallName(name)) return unknownCallError(name);
    const spec = calls[name];
    if (!roleAllows(caller.role, spec.role)) {
      return fail(
        'ERR_FORBIDDEN',
        `${name} needs the ${spec.role} role; this console has ${caller.role}.`,
      );
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail('ERR_VALIDATION', `Invalid input for ${name}: ${formatIssues(parsed.error)}`);
    }
    try {
      const handler = handlers[name] as (input: unknown, caller: Caller) => unknown;
      return { ok: true, value: await handler(parsed.data, caller) };
    } catch (error) {
      if (error instanceof TesseraError) return { ok: false, error: error.toContract() };
      logError(`call ${name} failed`, error);
      return fail(
        'ERR_INTERNAL',
        'Something went wrong inside Tessera; the details are in its log.',
      );
    }
  };
}

/** A dispatcher: what both transports call. */
export type Dispatch = ReturnType<typeof createDispatcher>;

function fail(code: 'ERR_FORBIDDEN' | 'ERR_VALIDATION' | 'ERR_INTERNAL', message: string) {
  return { ok: false, error: { code, message } } as const;
}
