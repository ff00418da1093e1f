import type { BenchScenario } from './bench-scenario';
import { evaluatorScenario } from './scenarios/evaluator';
import { fanoutScenario } from './scenarios/fanout';
import { fanoutClientsScenario } from './scenarios/fanout-clients';
import { gatewayScenario } from './scenarios/gateway';
import { propagationScenario } from './scenarios/propagation';
import { saasSyncScenario } from './scenarios/saas-sync';

/** Every scenario `main.ts` can run, by the name given on the command line. Add new scenarios here. */
export const scenarios: Readonly<Record<string, BenchScenario>> = {
  evaluator: evaluatorScenario,
  fanout: fanoutScenario,
  'fanout-clients': fanoutClientsScenario,
  gateway: gatewayScenario,
  propagation: propagationScenario,
  'saas-sync': saasSyncScenario,
};
