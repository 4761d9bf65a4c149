import { create } from 'zustand';
import type {
  CallResult,
  ConfigureDemoInput,
  ContractError,
  DemoStatusDto,
  EventPayload,
  TesseraEvent,
} from '../../shared/contract';
import { api } from './connection';

/** How often the demo's counters and clock are read while the console is open. */
const pollMs = 1000;
/** The live feed keeps this many of the newest events. */
const feedLength = 12;

interface DemoSlice {
  readonly status: DemoStatusDto | null;
  /** When (this machine's epoch ms) `status` arrived: the simulated clock runs on from there. */
  readonly receivedMs: number;
  readonly error: ContractError | null;
  /** Newest first: the demo's refreshes, reuse detections, session ends and deliveries. */
  readonly feed: readonly TesseraEvent[];
  /** The session of the latest reuse detection seen in the feed. */
  readonly lastReuse: EventPayload<'refresh.reuse_detected'> | null;
}

/** The offline demo: its status (polled, for the banner and the demo view) and a live feed. */
export const useDemo = create<DemoSlice>(() => ({
  status: null,
  receivedMs: 0,
  error: null,
  feed: [],
  lastReuse: null,
}));

/** Numbers each status request: an answer older than one already applied is dropped. */
let requested = 0;
let applied = 0;

/** Asks for a status (polling, or changing the demo) and applies the answer unless overtaken. */
async function fetchStatus(request: () => Promise<CallResult<DemoStatusDto>>): Promise<void> {
  const mine = ++requested;
  const result = await request();
  if (mine < applied) return;
  applied = mine;
  useDemo.setState(
    result.ok
      ? { status: result.value, receivedMs: Date.now(), error: null }
      : { error: result.error },
  );
}

/**
 * Now on the server's clock, in epoch ms: this machine's clock, unless the demo runs a simulated
 * one, which is then carried on from its last reading at its speed.
 */
export function serverNowMs(): number {
  const { status, receivedMs } = useDemo.getState();
  if (!status?.enabled) return Date.now();
  return status.clock.nowMs + (Date.now() - receivedMs) * status.clock.speed;
}

/** How many times faster than real time the server's clock runs (1 without the demo). */
export function serverClockSpeed(): number {
  const { status } = useDemo.getState();
  return status?.enabled ? status.clock.speed : 1;
}

const readStatus = (): Promise<void> => fetchStatus(() => api.call('demo.status', {}));

/** Changes the demo (admin); the answer is its new status. */
export function configureDemo(input: ConfigureDemoInput): Promise<void> {
  return fetchStatus(() => api.call('demo.configure', input));
}

/** Follows the events the demo is about while the demo view is open; returns how to stop. */
export function followDemoFeed(): () => void {
  return api.subscribe(
    {
      types: [
        'token.refreshed',
        'refresh.reuse_detected',
        'session.ended',
        'sync.delivery_attempted',
      ],
    },
    ({ events }) =>
      useDemo.setState(({ feed, lastReuse }) => ({
        feed: [...events].reverse().concat(feed).slice(0, feedLength),
        lastReuse:
          events.findLast((event) => event.type === 'refresh.reuse_detected')?.payload ?? lastReuse,
      })),
  );
}

void readStatus();
// Polls while the demo runs, and until a first answer says whether it does (a call made before
// the bridge opened fails): without the demo, the status never changes.
setInterval(() => {
  const { status } = useDemo.getState();
  if (status === null || status.enabled) void readStatus();
}, pollMs);
