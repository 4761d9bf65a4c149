import type { ConfigureDemoInput, DemoStatusDto } from '../../shared/contract';
import type { Caller } from './caller';
import type { Handlers } from './dispatch';
import { TesseraError } from './tessera-error';

/** The offline demo as the contract drives it (main/demo implements it). */
export interface DemoController {
  status(): Promise<DemoStatusDto>;
  /** `caller` makes the scenario's policy change, so the audit trail names them. */
  configure(input: ConfigureDemoInput, caller: Caller): Promise<DemoStatusDto>;
}

/**
 * The demo's calls. The demo starts after the core (it drives the core's HTTP endpoints), so it
 * is attached later; until then, and whenever Tessera runs without it, it reports itself off.
 */
export function createDemoHandlers() {
  let controller: DemoController | null = null;
  const handlers: Pick<Handlers, 'demo.status' | 'demo.configure'> = {
    'demo.status': () => controller?.status() ?? { enabled: false as const },
    'demo.configure': (input, caller) => {
      if (!controller) {
        throw new TesseraError(
          'ERR_VALIDATION',
          'The demo is off: start Tessera with --demo (or on a fresh data folder) to use it.',
        );
      }
      return controller.configure(input, caller);
    },
  };
  return {
    handlers,
    attach(demo: DemoController): void {
      controller = demo;
    },
  };
}
