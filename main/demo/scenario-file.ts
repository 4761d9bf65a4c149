import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoScenario } from '../../shared/contract';
import { scenarioPolicies } from './demo-policies';

/**
 * The scenario the demo was left in, kept in the data folder: token theft runs under the same
 * policy as a normal day, so the policy in force cannot tell them apart after a restart.
 */
const scenarioFile = 'demo-scenario';

/** The scenario noted in `dataDir`, or null if none (or not one this version knows). */
export function readScenario(dataDir: string): DemoScenario | null {
  const file = join(dataDir, scenarioFile);
  if (!existsSync(file)) return null;
  const noted = readFileSync(file, 'utf8').trim();
  return Object.hasOwn(scenarioPolicies, noted) ? (noted as DemoScenario) : null;
}

/** Notes the scenario; written aside then renamed, so a crash leaves the old note or the new. */
export function writeScenario(dataDir: string, scenario: DemoScenario): void {
  const file = join(dataDir, scenarioFile);
  writeFileSync(`${file}.tmp`, `${scenario}\n`);
  renameSync(`${file}.tmp`, file);
}
