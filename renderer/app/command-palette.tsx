import { useEffect, useMemo, useRef, useState } from 'react';
import { matchCommands, paletteCommands } from './commands';
import './command-palette.css';

/**
 * Ctrl+K (⌘K on a Mac) opens a list of commands filtered as you type; arrows move, Enter runs,
 * Esc closes. A modal <dialog> gives focus trapping and Esc for free.
 */
export function CommandPalette() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const commands = useMemo(() => paletteCommands(), []);
  const matches = matchCommands(commands, query);

  // Opened synchronously in the key handler: focus is in the input before the next keystroke.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'k') return;
      event.preventDefault();
      const element = dialog.current;
      if (!element || element.open) return;
      setQuery('');
      setActive(0);
      element.showModal();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const close = () => dialog.current?.close();

  const run = (index: number) => {
    const command = matches[index];
    if (!command) return;
    close();
    command.run();
  };

  return (
    <dialog
      ref={dialog}
      className="palette"
      aria-label="Command palette"
      onClick={(event) => event.target === dialog.current && close()}
    >
      <input
        className="palette-input"
        aria-label="Command"
        placeholder="Type a command…"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={matches[active] ? `palette-${matches[active].id}` : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setActive((index) => Math.min(index + 1, matches.length - 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((index) => Math.max(index - 1, 0));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            run(active);
          }
        }}
      />
      <ul id="palette-list" className="palette-list" role="listbox" aria-label="Commands">
        {matches.map((command, index) => (
          <li
            key={command.id}
            id={`palette-${command.id}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'palette-item active' : 'palette-item'}
            onMouseEnter={() => setActive(index)}
            onClick={() => run(index)}
          >
            {command.label}
          </li>
        ))}
        {matches.length === 0 && <li className="palette-empty">No command matches.</li>}
      </ul>
    </dialog>
  );
}
