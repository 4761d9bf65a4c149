import type { SessionFilter } from '../../../shared/contract';
import { formatDuration } from '../../../shared/time/format';

/** A filter in words, for the preview: "user or client starting with “tom”, IP starting with …". */
export function describeFilter(filter: SessionFilter): string {
  const parts = [
    filter.search !== undefined && `user or client starting with “${filter.search}”`,
    filter.userId !== undefined && `user “${filter.userId}”`,
    filter.clientId !== undefined && `client “${filter.clientId}”`,
    filter.ipPrefix !== undefined && `IP starting with “${filter.ipPrefix}”`,
    filter.endingWithinSeconds !== undefined &&
      `ending within ${formatDuration(filter.endingWithinSeconds)}`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.length === 0 ? 'no filter (all sessions)' : parts.join(', ');
}
