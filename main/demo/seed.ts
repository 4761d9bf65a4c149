import type { Policy } from '../../shared/contract';
import type { TokenService } from '../core/tokens/token-service';
import type { DemoClock } from './demo-clock';
import { appScope, demoApps, demoUsers } from './demo-world';

/** How far back the seeded history starts: the demo policy's longest session. */
export const seedSpanMs = 7 * 24 * 3_600_000;
/** The seed's time step: sessions are created, refreshed and ended on these ticks. */
const stepMs = 30 * 60_000;
/** Per step, the chance of a new session (about 300 over the week)... */
const loginChance = 0.9;
/** ...and the chance that a live session is used (refreshed) or logged out of. */
const refreshChance = 0.15;
const logoutChance = 0.006;

const userAgents: Readonly<Record<string, string>> = {
  'demo-web': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
  'demo-mobile': 'TesseraDemo/2.3 (Android 14)',
};

interface HeldSession {
  readonly sid: string;
  refreshToken: string;
  readonly clientId: string;
  idleDeadlineMs: number;
  readonly absoluteDeadlineMs: number;
}

/** What the seed made. */
export interface SeedSummary {
  readonly sessions: number;
  readonly refreshes: number;
  readonly logouts: number;
  readonly expired: number;
}

/**
 * Builds a week of history through the token service itself, with the simulated clock walked
 * forward from a week ago to now: sessions are created, refreshed (rotation, families,
 * events), logged out of, and ended on their idle or absolute deadline as the sweeper would, so
 * every row and event is one the service could have written. Leaves the clock at `untilMs`.
 */
export async function seedHistory(options: {
  readonly tokens: TokenService;
  readonly clock: DemoClock;
  readonly policy: Policy;
  readonly untilMs: number;
  readonly random?: () => number;
}): Promise<SeedSummary> {
  const { tokens, clock, policy } = options;
  const random = options.random ?? Math.random;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const held = new Set<HeldSession>();
  const summary = { sessions: 0, refreshes: 0, logouts: 0, expired: 0 };

  const login = async (nowMs: number): Promise<void> => {
    const user = pick(demoUsers);
    const app = pick(demoApps);
    const issued = await tokens.login({
      userId: user.username,
      clientId: app.clientId,
      scope: appScope,
      ip: `10.0.${Math.floor(random() * 8)}.${1 + Math.floor(random() * 250)}`,
      userAgent: userAgents[app.clientId],
    });
    summary.sessions += 1;
    held.add({
      sid: issued.sid,
      refreshToken: issued.refreshToken!,
      clientId: app.clientId,
      idleDeadlineMs: nowMs + policy.sessionIdleSeconds * 1000,
      absoluteDeadlineMs: nowMs + policy.sessionMaxSeconds * 1000,
    });
  };

  const use = async (session: HeldSession, nowMs: number): Promise<void> => {
    if (nowMs >= Math.min(session.idleDeadlineMs, session.absoluteDeadlineMs)) {
      held.delete(session);
      const reason =
        session.idleDeadlineMs < session.absoluteDeadlineMs ? 'idle_timeout' : 'max_lifetime';
      if (await tokens.endSession(session.sid, reason, 'system')) summary.expired += 1;
      return;
    }
    const roll = random();
    if (roll < logoutChance) {
      held.delete(session);
      await tokens.endSession(session.sid, 'logout', `client:${session.clientId}`);
      summary.logouts += 1;
    } else if (roll < logoutChance + refreshChance) {
      const refreshed = await tokens.refresh({
        refreshToken: session.refreshToken,
        clientId: session.clientId,
      });
      if (!('accessToken' in refreshed)) return void held.delete(session);
      session.refreshToken = refreshed.refreshToken ?? session.refreshToken;
      session.idleDeadlineMs = nowMs + policy.sessionIdleSeconds * 1000;
      summary.refreshes += 1;
    }
  };

  for (let nowMs = clock.nowMs(); nowMs < options.untilMs; nowMs += stepMs) {
    clock.advanceTo(nowMs);
    const step: Promise<void>[] = [...held].map((session) => use(session, nowMs));
    if (random() < loginChance) step.push(login(nowMs));
    // One step's work goes out together, so the group committer writes it in one transaction.
    await Promise.all(step);
  }
  clock.advanceTo(options.untilMs);
  return summary;
}
