import { z } from 'zod';

/** The offline demo's traffic patterns. */
export const demoScenarios = ['normal_day', 'token_theft', 'misconfigured_lifetimes'] as const;
export type DemoScenario = (typeof demoScenarios)[number];

/** How fast the demo's simulated clock may run: real time, a minute a second, an hour a second. */
export const demoClockSpeeds = [1, 60, 3600] as const;
export type DemoClockSpeed = (typeof demoClockSpeeds)[number];

/** Input of `demo.configure`: what to change; fields left out stay as they are. */
export const configureDemoInputSchema = z
  .object({
    running: z.boolean().optional(),
    /** Virtual users' actions (logins, refreshes, API calls, logouts) per minute of real time. */
    actionsPerMinute: z.number().int().min(1).max(600).optional(),
    scenario: z.enum(demoScenarios).optional(),
    clockSpeed: z.union([z.literal(1), z.literal(60), z.literal(3600)]).optional(),
  })
  .strict();

/** What `demo.configure` takes. */
export type ConfigureDemoInput = z.infer<typeof configureDemoInputSchema>;

/** A simulated downstream service and how it answers back-channel logouts. */
export interface DemoServiceDto {
  readonly clientId: string;
  readonly behaviour: 'healthy' | 'flaky' | 'down';
  readonly logoutUri: string;
}

/** Output of `demo.status`. Counters are since this start of Tessera. */
export type DemoStatusDto =
  | { readonly enabled: false }
  | {
      readonly enabled: true;
      readonly running: boolean;
      readonly actionsPerMinute: number;
      readonly scenario: DemoScenario;
      readonly clock: {
        readonly speed: DemoClockSpeed;
        readonly nowMs: number;
        /** How far the simulated clock is ahead of the real one. */
        readonly aheadMs: number;
      };
      readonly counters: {
        readonly logins: number;
        readonly refreshes: number;
        readonly introspections: number;
        readonly logouts: number;
        readonly theftAttempts: number;
        readonly reuseDetections: number;
        readonly sessionsExpired: number;
        /** Signing keys rotated by the policy's schedule (or by hand). */
        readonly keyRotations: number;
        readonly deliveries: {
          readonly delivered: number;
          readonly retry: number;
          readonly dead: number;
        };
      };
      readonly activeSessions: number;
      readonly services: readonly DemoServiceDto[];
    };
