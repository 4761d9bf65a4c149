import type { EventPayload, EventType, TesseraEvent } from '../../../shared/contract';
import type { GroupCommitter } from '../store/group-commit';
import { Effects } from './effects';
import type { EventBus } from './event-bus';
import type { EventLog } from './event-log';

/**
 * Every write in the core goes through here: the work and the events it emits are committed
 * together (group commit, durable before anyone is told), then the events go live.
 */
export function createRecordedCommit(deps: {
  committer: GroupCommitter;
  log: EventLog;
  bus: EventBus;
}) {
  const append = deps.log.append.bind(deps.log);
  return {
    /** Runs `work` in the next group transaction; resolves after the commit with its effects. */
    async run<T>(work: (effects: Effects) => T): Promise<{ value: T; effects: Effects }> {
      // Made inside the unit: if the group commit runs it again, it starts from nothing.
      const outcome = await deps.committer.submit(() => {
        const effects = new Effects(append);
        return { value: work(effects), effects };
      });
      deps.bus.publish(outcome.effects.events);
      return outcome;
    },

    /** Records one event on its own (an audit entry with no other change). */
    async record<K extends EventType>(type: K, payload: EventPayload<K>): Promise<TesseraEvent> {
      const { value } = await this.run((effects) => {
        effects.emit(type, payload);
        return effects.events[0]!;
      });
      return value;
    },
  };
}

/** The core's way to write. */
export type RecordedCommit = ReturnType<typeof createRecordedCommit>;
