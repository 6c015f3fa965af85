// Every case of the suite, in the order the runner prints them; the secrets grep runs last, over all artifacts.
import type { FaultCase } from '../suite';
import { cancellationCases } from './cancellation';
import { editSafetyCases } from './editSafety';
import { historySafetyCases } from './historySafety';
import { httpFaultCases } from './httpFaults';
import { injectionAttackCases } from './injectionAttacks';
import { modelFaultCases } from './modelFaults';
import { pathAttackCases } from './pathAttacks';
import { protocolAttackCases } from './protocolAttacks';
import { secretDenyListCases, secretGrepCase } from './secretAttacks';

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
  secretGrepCase,
];
