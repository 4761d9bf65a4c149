import type { PatternDraft } from '../../stores/policy';

/** A rhythm support staff meet often, to start the what-if from. */
export interface ActivityPreset {
  readonly id: string;
  readonly label: string;
  readonly pattern: PatternDraft;
}

const weekdays = [1, 2, 3, 4, 5];
const everyDay = [0, 1, 2, 3, 4, 5, 6];

/** The what-if's starting rhythms; the first is what the form opens with. */
export const activityPresets: readonly ActivityPreset[] = [
  {
    id: 'office',
    label: 'Office hours (Mon–Fri 09:00–17:00, refresh every 15 min)',
    pattern: { activeFrom: '09:00', activeTo: '17:00', days: weekdays, refreshEvery: '15 min' },
  },
  {
    id: 'always',
    label: 'Always on (a kiosk or a service, refresh every 15 min)',
    pattern: { activeFrom: '00:00', activeTo: '00:00', days: everyDay, refreshEvery: '15 min' },
  },
  {
    id: 'weekends',
    label: 'Weekends only (Sat–Sun 10:00–22:00, refresh every 15 min)',
    pattern: { activeFrom: '10:00', activeTo: '22:00', days: [0, 6], refreshEvery: '15 min' },
  },
  {
    id: 'no-refresh',
    label: 'Office hours, client never refreshes',
    pattern: { activeFrom: '09:00', activeTo: '17:00', days: weekdays, refreshEvery: '0 s' },
  },
];
