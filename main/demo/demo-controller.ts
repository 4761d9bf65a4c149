import type { DemoScenario, DemoStatusDto, StatusDto } from '../../shared/contract';
import type { Core } from '../core/core';
import type { DemoController } from '../core/demo-handlers';
import { TesseraError } from '../core/tessera-error';
import type { DemoClock } from './demo-clock';
import { scenarioPolicies } from './demo-policies';
import type { RunningService } from './downstream-services';
import { countEvents } from './event-counters';
import { writeScenario } from './scenario-file';
import type { Simulator } from './simulator';

/** Modest by default: the demo shares the laptop with the console and everything else. */
const defaultActionsPerMinute = 60;

/** The demo reads the core's status as a console would, through the contract. */
const demoCaller = { role: 'support', name: 'demo' } as const;

/** The demo's controller as its owner holds it. */
export interface RunningDemoController extends DemoController {
  scenario(): DemoScenario;
  start(): void;
  /** Stops the virtual users; resolves once their step in progress is over. */
  close(): Promise<void>;
}

/**
 * Runs the simulator on a timer and answers the demo's calls: start/stop, rate, scenario (which
 * sets its policy through `policy.set`, audited like any change) and the clock's speed.
 */
export function createDemoController(options: {
  readonly core: Core;
  readonly clock: DemoClock;
  readonly simulator: Simulator;
  readonly services: readonly RunningService[];
  readonly scenario: DemoScenario;
}): RunningDemoController {
  const { core, clock, simulator } = options;
  const events = countEvents(core.bus);
  let running = false;
  let actionsPerMinute = defaultActionsPerMinute;
  let { scenario } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastTick: Promise<void> = Promise.resolve();

  const loop = (): void => {
    timer = setTimeout(() => {
      lastTick = simulator.tick();
      loop();
    }, 60_000 / actionsPerMinute);
    timer.unref();
  };
  const setRunning = (next: boolean): void => {
    if (next === running) return;
    running = next;
    if (running) loop();
    else clearTimeout(timer);
  };

  const activeSessions = async (): Promise<number> => {
    const status = await core.dispatch('status', {}, demoCaller);
    return status.ok ? (status.value as StatusDto).counts.activeSessions : 0;
  };

  const status = async (): Promise<DemoStatusDto> => ({
    enabled: true,
    running,
    actionsPerMinute,
    scenario,
    clock: { speed: clock.speed(), nowMs: clock.nowMs(), aheadMs: clock.aheadMs() },
    counters: { ...events.counts, ...simulator.counters },
    activeSessions: await activeSessions(),
    services: options.services.map((service) => ({
      clientId: service.clientId,
      behaviour: service.behaviour,
      logoutUri: service.logoutUri,
    })),
  });

  return {
    status,
    scenario: () => scenario,
    async configure(input, caller) {
      if (input.scenario !== undefined && input.scenario !== scenario) {
        const policy = scenarioPolicies[input.scenario];
        // Scenarios that share a policy switch without storing a new version of it.
        const changed =
          policy === scenarioPolicies[scenario]
            ? ({ ok: true } as const)
            : await core.dispatch('policy.set', { policy }, caller);
        if (!changed.ok) throw new TesseraError(changed.error.code, changed.error.message);
        writeScenario(core.dataDir, input.scenario);
        scenario = input.scenario;
      }
      if (input.clockSpeed !== undefined) clock.setSpeed(input.clockSpeed);
      if (input.actionsPerMinute !== undefined) actionsPerMinute = input.actionsPerMinute;
      if (input.running !== undefined) setRunning(input.running);
      return status();
    },
    start: () => setRunning(true),
    async close() {
      setRunning(false);
      events.stop();
      await lastTick;
    },
  };
}
