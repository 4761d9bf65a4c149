import type { DemoScenario } from '../../shared/contract';
import type { Clock } from '../core/clock';
import { backendService, demoApps, demoUsers, type DemoApp, type DemoUser } from './demo-world';
import type { ClientCredentials, OAuthClient } from './oauth-client';

/** A virtual user's session as their app holds it. */
interface VirtualSession {
  readonly user: DemoUser;
  readonly app: DemoApp;
  readonly sid: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresMs: number;
  /** The refresh token before the last rotation: what the attacker copied. */
  stolen: string | null;
  /** Services the user has used with this session (each reports the login once). */
  readonly usedServices: Set<string>;
}

/** How many sessions the virtual users keep open at once. */
const sessionsOpen = 6;
/** Per action, the chance the attacker replays a stolen refresh token. */
const theftChance: Readonly<Record<DemoScenario, number>> = {
  normal_day: 0.02,
  token_theft: 0.1,
  misconfigured_lifetimes: 0.02,
};
const logoutChance = 0.05;
const backendChance = 0.05;
/** A refresh is due this long before the access token expires. */
const refreshAheadMs = 60_000;

/** What the simulator reports as it goes (the rest is counted from the core's events). */
export interface SimulatorCounters {
  introspections: number;
  theftAttempts: number;
}

/**
 * Virtual users, an attacker and the downstream services, acting one step at a time over the
 * token service's real HTTP endpoints: users log in (PKCE), refresh before expiry, call the
 * services (which introspect the token and report the login) and log out; now and then the
 * attacker replays a refresh token that was already rotated, and reuse detection must fire.
 */
export function createSimulator(options: {
  readonly client: OAuthClient;
  readonly clock: Clock;
  readonly services: readonly ClientCredentials[];
  readonly scenario: () => DemoScenario;
  readonly logError: (message: string, error: unknown) => void;
  readonly random?: () => number;
}) {
  const { client, clock, services } = options;
  const random = options.random ?? Math.random;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const sessions = new Set<VirtualSession>();
  const counters: SimulatorCounters = { introspections: 0, theftAttempts: 0 };

  const logIn = async (): Promise<void> => {
    const user = pick(demoUsers);
    const app = pick(demoApps);
    const { sid, accessToken, refreshToken, expiresInSeconds } = await client.logIn(app, user);
    sessions.add({
      user,
      app,
      sid,
      accessToken,
      refreshToken,
      accessExpiresMs: clock.nowMs() + expiresInSeconds * 1000,
      stolen: null,
      usedServices: new Set(),
    });
  };

  /** Rotates the session's refresh token; a refused refresh means the session is over. */
  const refresh = async (session: VirtualSession): Promise<boolean> => {
    const tokens = await client.refresh(session.app, session.refreshToken);
    if (!tokens) {
      sessions.delete(session);
      return false;
    }
    session.stolen = session.refreshToken;
    session.refreshToken = tokens.refreshToken;
    session.accessToken = tokens.accessToken;
    session.accessExpiresMs = clock.nowMs() + tokens.expiresInSeconds * 1000;
    return true;
  };

  /** A page of the app calls every service; each checks the token and reports the login once. */
  const useServices = async (session: VirtualSession): Promise<void> => {
    if (clock.nowMs() >= session.accessExpiresMs - refreshAheadMs && !(await refresh(session))) {
      return;
    }
    await Promise.all(
      services.map(async (service) => {
        counters.introspections += 1;
        if (!(await client.introspect(service, session.accessToken))) return;
        if (session.usedServices.has(service.clientId)) return;
        session.usedServices.add(service.clientId);
        await client.reportLogin(service, session.sid, session.user.username);
      }),
    );
  };

  /** The attacker replays an already rotated token: the family dies, the services are told. */
  const replayStolen = async (): Promise<boolean> => {
    // Preferably a session the services know of, so that there is a logout to propagate.
    const exposed = [...sessions].filter((session) => session.stolen !== null);
    const victim = exposed.find((session) => session.usedServices.size > 0) ?? exposed[0];
    if (!victim) return false;
    counters.theftAttempts += 1;
    await client.refresh(victim.app, victim.stolen!);
    sessions.delete(victim);
    return true;
  };

  const soonestExpiring = (): VirtualSession | undefined =>
    [...sessions].sort((a, b) => a.accessExpiresMs - b.accessExpiresMs)[0];

  /** One action of the world, chosen by what is open and by the scenario. */
  const step = async (): Promise<void> => {
    const roll = random();
    if (roll < theftChance[options.scenario()] && (await replayStolen())) return;
    if (sessions.size < sessionsOpen) return logIn();
    const due = soonestExpiring()!;
    if (clock.nowMs() >= due.accessExpiresMs - refreshAheadMs) return void (await refresh(due));
    if (roll > 1 - logoutChance) {
      const leaving = pick([...sessions]);
      sessions.delete(leaving);
      await client.revoke(leaving.app, leaving.refreshToken);
      return;
    }
    if (roll > 1 - logoutChance - backendChance) {
      await client.clientToken(backendService, backendService.scope);
      return;
    }
    // Rotating now and then, not only at expiry, gives the attacker something to steal.
    if (roll < 0.3) return void (await refresh(pick([...sessions])));
    await useServices(pick([...sessions]));
  };

  let inProgress: Promise<void> | null = null;
  return {
    counters,
    /**
     * Runs one step unless the previous one is still going (a slow step is skipped, not queued);
     * resolves when the step in progress is over.
     */
    tick(): Promise<void> {
      inProgress ??= step()
        .catch((error: unknown) => options.logError('a demo step failed', error))
        .finally(() => {
          inProgress = null;
        });
      return inProgress;
    },
  };
}

/** The simulator. */
export type Simulator = ReturnType<typeof createSimulator>;
