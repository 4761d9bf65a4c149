import type { Finding } from '../../shared/jwt';

const labels = { error: 'Problem', warning: 'Warning', info: 'Note' } as const;

/** Lint findings, most serious first, each a sentence a support person can read out. */
export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) return <p className="muted">No findings.</p>;
  return (
    <ul className="findings" aria-label="Findings">
      {findings.map((finding) => (
        <li
          key={finding.id}
          className={`finding finding-${finding.severity}`}
          data-finding={finding.id}
        >
          <span className="badge">{labels[finding.severity]}</span> {finding.message}
        </li>
      ))}
    </ul>
  );
}
