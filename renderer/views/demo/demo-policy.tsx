import { useEffect, useState } from 'react';
import type { DemoScenario } from '../../../shared/contract';
import type { Finding } from '../../../shared/jwt';
import { lintPolicy } from '../../../shared/policy';
import { api } from '../../stores/connection';
import { FindingsList } from '../../components/findings-list';

/**
 * What the lint says of the policy in force: the demo's one deliberate mistake, or, under
 * "misconfigured lifetimes", several. Read again whenever the scenario changes the policy.
 */
export function DemoPolicy({ scenario }: { scenario: DemoScenario }) {
  const [findings, setFindings] = useState<readonly Finding[] | null>(null);
  useEffect(() => {
    void api.call('policy.get', {}).then((result) => {
      if (result.ok) setFindings(lintPolicy(result.value.policy));
    });
  }, [scenario]);
  return (
    <section aria-labelledby="demo-policy-title">
      <h2 id="demo-policy-title">The policy’s findings</h2>
      {findings && <FindingsList findings={findings} />}
    </section>
  );
}
