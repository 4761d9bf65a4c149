import { create } from 'zustand';

/** `system` follows the OS; the others pin a scheme for this console. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const storageKey = 'tessera.theme';

function stored(): ThemeChoice {
  const value = localStorage.getItem(storageKey);
  return value === 'light' || value === 'dark' ? value : 'system';
}

function apply(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

export const useTheme = create<{ readonly choice: ThemeChoice }>(() => ({ choice: stored() }));

apply(useTheme.getState().choice);

/** Pins or releases the colour scheme; remembered on this machine. */
export function chooseTheme(choice: ThemeChoice): void {
  if (choice === 'system') localStorage.removeItem(storageKey);
  else localStorage.setItem(storageKey, choice);
  apply(choice);
  useTheme.setState({ choice });
}
