// Every case of the suite, in the order the runner prints them; the secrets grep runs last, over all artifacts.
import type { FaultCase } from '../suite';
import { allowListAttackCases } from './allowListAttacks';
import { cancellationCases } from './cancellation';
import { contentConsentCases } from './contentAttacks';
import { editSafetyCases } from './editSafety';
import { historySafetyCases } from './historySafety';
import { httpFaultCases } from './httpFaults';
import { injectionAttackCases } from './injectionAttacks';
import { mcpFaultCases } from './mcpFaults';
import { modelFaultCases } from './modelFaults';
import { pathAttackCases } from './pathAttacks';
import { protocolAttackCases } from './protocolAttacks';
import { redactionAttackCases } from './redactionAttacks';
import { secretDenyListCases, secretGrepCase } from './secretAttacks';
import { settingsAttackCases } from './settingsAttacks';
import { writeAttackCases } from './writeAttacks';

export const allFaultCases: FaultCase[] = [
  ...httpFaultCases,
  ...modelFaultCases,
  ...cancellationCases,
  ...editSafetyCases,
  ...historySafetyCases,
  ...pathAttackCases,
  ...injectionAttackCases,
  ...protocolAttackCases,
  ...secretDenyListCases,
  ...settingsAttackCases,
  ...contentConsentCases,
  ...allowListAttackCases,
  ...writeAttackCases,
  ...redactionAttackCases,
  ...mcpFaultCases,
  secretGrepCase,
];
