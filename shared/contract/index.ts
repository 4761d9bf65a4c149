import { z } from 'zod';
import { call, emptyInputSchema, type CallSpec } from './define';
import type { StatusDto } from './status';
import { inspectInputSchema, type TokenInspection } from './tokens';
import { queryEventsInputSchema, type EventPage } from './events';
import {
  lintPolicyInputSchema,
  policySchema,
  setPolicyInputSchema,
  type PolicyDto,
} from './policy';
import { activityPatternSchema, type WhatIfResult } from '../policy/what-if';
import type { Finding } from '../jwt/types';
import { listSessionsInputSchema, type SessionPage } from './sessions';
import {
  endingSessionsInputSchema,
  fleetTimelineInputSchema,
  sessionDetailInputSchema,
  type EndingSessionsDto,
  type FleetTimelineDto,
  type SessionDetailDto,
} from './timelines';
import {
  recentDeliveriesInputSchema,
  recentLoginReportsInputSchema,
  retryDeliveriesInputSchema,
  sessionPropagationInputSchema,
  type ClientDeliveriesDto,
  type DeliveryDto,
  type LoginReportDto,
  type RetryDeliveriesDto,
  type SessionPropagationDto,
} from './sync';
import {
  createClientInputSchema,
  createUserInputSchema,
  type ClientDto,
  type CreatedClientDto,
  type UserDto,
} from './directory';
import {
  cancelRevokeInputSchema,
  previewRevokeInputSchema,
  revokeAllInputSchema,
  revokeQueryInputSchema,
  revokeSelectedInputSchema,
  revokeSessionInputSchema,
  revokeUserInputSchema,
  type RevokeJobDto,
  type RevokePreviewDto,
  type RevokeProgress,
  type RevokeSelectedDto,
  type RevokeSessionDto,
  type RevokeUserDto,
} from './revocation';
import { keyIdInputSchema, rotateKeysInputSchema, type KeysDto } from './keys';
import { configureDemoInputSchema, type DemoStatusDto } from './demo';

/** Every call either transport carries: its input schema, the role it needs, its output type. */
export const calls = {
  status: call<StatusDto>()({
    input: emptyInputSchema,
    role: 'support',
    summary: 'Version, data folder and the caller’s role.',
  }),
  'tokens.inspect': call<TokenInspection>()({
    input: inspectInputSchema,
    role: 'support',
    summary:
      'Decode and lint a token, verify its signature, and say where it stands on the server.',
  }),
  'sessions.list': call<SessionPage>()({
    input: listSessionsInputSchema,
    role: 'support',
    summary:
      'Search sessions by user, client, prefix, IP, status or coming deadline; one page at a time.',
  }),
  'sessions.get': call<SessionDetailDto>()({
    input: sessionDetailInputSchema,
    role: 'support',
    summary: 'One session: its refresh families, the timeline of its limits and its latest events.',
  }),
  'sessions.fleetTimeline': call<FleetTimelineDto>()({
    input: fleetTimelineInputSchema,
    role: 'support',
    summary: 'How many active sessions end in each coming interval, and why.',
  }),
  'sessions.ending': call<EndingSessionsDto>()({
    input: endingSessionsInputSchema,
    role: 'support',
    summary: 'The active sessions that end in a window (one bar of the fleet timeline).',
  }),
  'sync.byClient': call<readonly ClientDeliveriesDto[]>()({
    input: emptyInputSchema,
    role: 'support',
    summary: 'Logout deliveries per downstream client: delivered, retrying, pending, dead.',
  }),
  'sync.deliveries': call<readonly DeliveryDto[]>()({
    input: recentDeliveriesInputSchema,
    role: 'support',
    summary: 'Recent logout deliveries, by client, session or status.',
  }),
  'sync.sessionPropagation': call<SessionPropagationDto>()({
    input: sessionPropagationInputSchema,
    role: 'support',
    summary: 'Where a session is in use and whether each participant was told of its end.',
  }),
  'sync.loginReports': call<readonly LoginReportDto[]>()({
    input: recentLoginReportsInputSchema,
    role: 'support',
    summary: 'Recent logins reported by downstream services.',
  }),
  'sync.retry': call<RetryDeliveriesDto>()({
    input: retryDeliveriesInputSchema,
    role: 'admin',
    summary: 'Retry logout deliveries now: one delivery, or every waiting one of a client.',
  }),
  'clients.list': call<readonly ClientDto[]>()({
    input: emptyInputSchema,
    role: 'support',
    summary: 'OAuth clients and downstream services, without their secrets.',
  }),
  'clients.create': call<CreatedClientDto>()({
    input: createClientInputSchema,
    role: 'admin',
    summary: 'Register a client; a confidential client’s secret is shown once and stored hashed.',
  }),
  'users.list': call<readonly UserDto[]>()({
    input: emptyInputSchema,
    role: 'support',
    summary: 'Local users who can sign in on the login page.',
  }),
  'users.create': call<UserDto>()({
    input: createUserInputSchema,
    role: 'admin',
    summary: 'Create a local user; the password is stored only hashed.',
  }),
  'sessions.revoke': call<RevokeSessionDto>()({
    input: revokeSessionInputSchema,
    role: 'admin',
    summary: 'End one session now: its refresh tokens die and its access tokens stop verifying.',
  }),
  'sessions.revokeSelected': call<RevokeSelectedDto>()({
    input: revokeSelectedInputSchema,
    role: 'admin',
    summary: 'End the chosen sessions (up to 500) together, in one transaction.',
  }),
  'sessions.revokeUser': call<RevokeUserDto>()({
    input: revokeUserInputSchema,
    role: 'admin',
    summary: 'End every active session of one user.',
  }),
  'sessions.previewRevoke': call<RevokePreviewDto>()({
    input: previewRevokeInputSchema,
    role: 'support',
    summary: 'How many active sessions revoking by this filter would end (pass it back).',
  }),
  'sessions.revokeQuery': call<RevokeJobDto>()({
    input: revokeQueryInputSchema,
    role: 'admin',
    summary: 'Revoke the active sessions a filter matches, as a job with progress events.',
  }),
  'sessions.revokeAll': call<RevokeJobDto>()({
    input: revokeAllInputSchema,
    role: 'admin',
    summary: 'Revoke every active session (needs the confirmation phrase).',
  }),
  'sessions.cancelRevoke': call<RevokeProgress>()({
    input: cancelRevokeInputSchema,
    role: 'admin',
    summary: 'Stop a running revocation job after its current chunk.',
  }),
  'events.query': call<EventPage>()({
    input: queryEventsInputSchema,
    role: 'support',
    summary: 'Event history, newest first, filtered by type, session, user or client.',
  }),
  'policy.get': call<PolicyDto>()({
    input: emptyInputSchema,
    role: 'support',
    summary: 'The lifetime policy in force, with its version and who changed it last.',
  }),
  'policy.set': call<PolicyDto>()({
    input: setPolicyInputSchema,
    role: 'admin',
    summary: 'Store a new policy version (audited with the old and new values).',
  }),
  'policy.lint': call<readonly Finding[]>()({
    input: lintPolicyInputSchema,
    role: 'support',
    summary: 'Findings about a policy, each a sentence a support person can repeat.',
  }),
  'policy.whatIf': call<WhatIfResult>()({
    input: z.object({ policy: policySchema, pattern: activityPatternSchema }).strict(),
    role: 'support',
    summary: 'When a user with this activity pattern is logged out under this policy, and why.',
  }),
  'keys.list': call<KeysDto>()({
    input: emptyInputSchema,
    role: 'support',
    summary: 'Signing keys with their states and usage, and the JWKS as published.',
  }),
  'keys.rotate': call<KeysDto>()({
    input: rotateKeysInputSchema,
    role: 'admin',
    summary: 'Activate the next key, retire the active one and publish a new next key.',
  }),
  'keys.retire': call<KeysDto>()({
    input: keyIdInputSchema,
    role: 'admin',
    summary: 'Stop signing with a key; it stays published until its last token expires.',
  }),
  'keys.revoke': call<KeysDto>()({
    input: keyIdInputSchema,
    role: 'admin',
    summary: 'Remove a key at once: every token it signed stops verifying (emergency).',
  }),
  'demo.status': call<DemoStatusDto>()({
    input: emptyInputSchema,
    role: 'support',
    summary: 'The offline demo: whether it runs, its scenario, simulated clock and counters.',
  }),
  'demo.configure': call<DemoStatusDto>()({
    input: configureDemoInputSchema,
    role: 'admin',
    summary: 'Start or stop the demo, change its rate, scenario or clock speed.',
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
export * from './policy';
export * from './keys';
export * from './sessions';
export * from './revocation';
export * from './timelines';
export * from './sync';
export * from './directory';
export * from './api';
export * from './wire';
export * from './ipc-channels';
export * from './demo';
