/** One choice of a {@link ChoiceGroup}. */
export interface Choice<T> {
  readonly value: T;
  readonly label: string;
}

/** A row of radio buttons drawn as pills (the console's `segmented` style). */
export function ChoiceGroup<T extends string | number>(props: {
  readonly label: string;
  readonly name: string;
  readonly choices: readonly Choice<T>[];
  readonly value: T;
  readonly disabled?: boolean;
  readonly onChange: (value: T) => void;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={props.label}>
      {props.choices.map((choice) => (
        <label key={choice.value} className={choice.value === props.value ? 'selected' : ''}>
          <input
            type="radio"
            name={props.name}
            value={choice.value}
            checked={choice.value === props.value}
            disabled={props.disabled}
            onChange={() => props.onChange(choice.value)}
          />
          {choice.label}
        </label>
      ))}
    </div>
  );
}
