import { navigate, viewIds } from '../stores/navigation';
import { chooseTheme } from '../stores/theme';
import { viewLabels } from './views';

/** Something the command palette can do. */
export interface Command {
  readonly id: string;
  readonly label: string;
  /** Words that find the command besides its label. */
  readonly keywords?: string;
  readonly run: () => void;
}

/** Puts the keyboard in the current view's search box (the element marked `data-search-input`). */
export function focusViewSearch(): boolean {
  const input = document.querySelector<HTMLElement>('[data-search-input]');
  input?.focus();
  return input !== null;
}

/** The palette's commands: every view, sid look-up, theme. */
export function paletteCommands(): readonly Command[] {
  return [
    ...viewIds.map((view) => ({
      id: `go:${view}`,
      label: `Go to ${viewLabels[view]}`,
      run: () => navigate({ view }),
    })),
    {
      id: 'search',
      label: 'Search in this view',
      keywords: 'find filter /',
      run: () => void focusViewSearch(),
    },
    { id: 'theme:light', label: 'Theme: light', run: () => chooseTheme('light') },
    { id: 'theme:dark', label: 'Theme: dark', run: () => chooseTheme('dark') },
    { id: 'theme:system', label: 'Theme: follow the system', run: () => chooseTheme('system') },
  ];
}

/** Commands whose label or keywords contain every word of the query, in palette order. */
export function matchCommands(commands: readonly Command[], query: string): readonly Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((command) => {
    const text = `${command.label} ${command.keywords ?? ''}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
