import type { FleetCountsDto, FleetEndCause } from '../contract';

/** The causes in the order bars stack them and the legend lists them. */
export const fleetEndCauses: readonly FleetEndCause[] = ['idle', 'absolute', 'cookie'];

/** How many sessions a set of counts holds. */
export function fleetTotal(counts: FleetCountsDto): number {
  return fleetEndCauses.reduce((sum, cause) => sum + counts[cause], 0);
}

/** The counts of several intervals together, e.g. of a whole chart. */
export function sumCounts(all: readonly FleetCountsDto[]): FleetCountsDto {
  const sum = { idle: 0, absolute: 0, cookie: 0 };
  for (const counts of all) for (const cause of fleetEndCauses) sum[cause] += counts[cause];
  return sum;
}

/**
 * Says what a bar holds, for its accessible name and tooltip:
 * "12 sessions end (8 idle, 4 absolute)", "1 session ends (1 cookie)", "no sessions end".
 */
export function describeCounts(counts: FleetCountsDto): string {
  const total = fleetTotal(counts);
  if (total === 0) return 'no sessions end';
  const parts = fleetEndCauses
    .filter((cause) => counts[cause] > 0)
    .map((cause) => `${counts[cause]} ${cause}`);
  const verb = total === 1 ? '1 session ends' : `${total} sessions end`;
  return `${verb} (${parts.join(', ')})`;
}
