// Two-step verification state, in the sandbox's SQLite file, one module per kind of thing stored (each
// creates its own table on start). Secrets that need only be compared are stored hashed.
import type { Db } from '../../store/db.ts';
import type { Account } from '../../store/accounts.ts';
import { TfaMethods } from './methods.ts';
import { SmsCodes } from './sms-codes.ts';
import { Failures } from './failures.ts';
import { RememberedDevices } from './remembered.ts';
import { PushDevices } from './push-devices.ts';
import { PushRequests } from './push-requests.ts';
import { Passkeys } from './passkeys.ts';
import { Flows } from './flows.ts';

export type { TfaAccount } from './methods.ts';
export type { Passkey } from './passkeys.ts';
export { checkTwoFactorSeed, type TwoFactorSeed } from './seed.ts';
export * from './codes.ts';

export class TfaStore {
  readonly devices: PushDevices;
  readonly methods: TfaMethods;
  readonly sms: SmsCodes;
  readonly failures: Failures;
  readonly remembered: RememberedDevices;
  readonly push: PushRequests;
  readonly passkeys: Passkeys;
  readonly flows: Flows;

  constructor(db: Db) {
    this.devices = new PushDevices(db);
    this.methods = new TfaMethods(db, this.devices);
    this.sms = new SmsCodes(db);
    this.failures = new Failures(db);
    this.remembered = new RememberedDevices(db);
    this.push = new PushRequests(db);
    this.passkeys = new Passkeys(db);
    this.flows = new Flows(db);
  }

  /** Turns 2FA off: every method, paired device and remembered browser of the account goes. */
  disable(account: Account): void {
    this.methods.clear(account);
    this.devices.removeAll(account);
    this.remembered.forgetAll(account);
  }
}
