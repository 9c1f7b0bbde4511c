// Electronic ID: the simulated ID-porten/BankID provider on eid.<domain>, connect's federation to it, the
// "Sign in as" chooser, linking in Account Settings and tenant admission. Registered as a connect feature.
import type { Services } from '../connect/services.ts';

export function registerEid(_services: Services): void {}
