import { z } from 'zod';
import { subscriptionSchema, type EventBatch } from './events';
import type { CallResult } from './errors';
import type { Role } from './define';

/** Subprotocol the bridge speaks; the access token travels as a second, `tessera.auth.<token>`. */
export const bridgeProtocol = 'tessera.v1';

/** Prefix of the subprotocol entry that carries the access token. */
export const bridgeAuthPrefix = 'tessera.auth.';

/** Path of the WebSocket bridge on the console host. */
export const bridgePath = '/bridge';

/** A frame from the renderer to main over the bridge. */
export const clientFrameSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('call'),
    id: z.number().int().nonnegative(),
    name: z.string().max(64),
    input: z.unknown(),
  }),
  z.object({
    kind: z.literal('subscribe'),
    id: z.number().int().nonnegative(),
    filter: subscriptionSchema,
  }),
  z.object({ kind: z.literal('unsubscribe'), id: z.number().int().nonnegative() }),
]);

/** A frame from the renderer to main. */
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** A frame from main to the renderer. */
export type ServerFrame =
  | { readonly kind: 'hello'; readonly role: Role }
  | { readonly kind: 'result'; readonly id: number; readonly result: CallResult<unknown> }
  | { readonly kind: 'events'; readonly id: number; readonly batch: EventBatch };
