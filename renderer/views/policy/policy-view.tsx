import { useEffect } from 'react';
import { ErrorNotice } from '../../components/error-notice';
import { usePolicy } from '../../stores/policy';
import { FindingsList } from '../../components/findings-list';
import { PolicyEditor } from './policy-editor';
import { PolicyVersion } from './policy-version';
import { WhatIfPanel } from './what-if-panel';
import './policy.css';

/** The lifetime policy: edit it with its lint as you type, and play it against a user's week. */
export function PolicyView() {
  const load = usePolicy((state) => state.load);
  const watch = usePolicy((state) => state.watch);
  const loadError = usePolicy((state) => state.loadError);
  const loaded = usePolicy((state) => state.draft !== null);
  const findings = usePolicy((state) => state.findings);
  const findingsStale = usePolicy((state) => state.findingsStale);

  useEffect(() => {
    void load();
  }, [load]);
  // Another operator's save moves the version an edit would follow; unsaved edits are kept.
  useEffect(() => watch(), [watch]);

  return (
    <section className="view policy" aria-labelledby="policy-title">
      <h1 id="policy-title">Policy</h1>
      <PolicyVersion />
      {loadError && <ErrorNotice error={loadError} />}
      {loaded && (
        <div className="policy-layout">
          <div>
            <h2>Lifetimes</h2>
            <PolicyEditor />
          </div>
          <div>
            <h2 id="policy-findings-title">Findings</h2>
            {findingsStale && (
              <p className="muted">These are for the last draft that could be read.</p>
            )}
            <FindingsList findings={findings} />
          </div>
        </div>
      )}
      {loaded && <WhatIfPanel />}
    </section>
  );
}
