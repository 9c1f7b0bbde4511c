// Electronic ID: the simulated ID-porten/BankID provider on eid.<domain>, connect's federation to it, the
// "Sign in as" chooser, linking in Account Settings and tenant admission. Registered as a connect feature;
// web/server.ts routes eid.<domain> to eidHandler(services).
import type http from 'node:http';
import { z } from 'zod';
import { APPS } from '../apps.ts';
import type { Services } from '../connect/services.ts';
import { peopleSetting } from './people.ts';
import { createEidHost } from './provider.ts';
import { EidClient } from './client.ts';
import { registerEidSignIn } from './signin.ts';
import { registerEidSettings } from './settings.ts';
import { registerTenantAdmission } from './tenant.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const hosts = new WeakMap<Services, Handler>();

/** The eID feature's own settings (documented in .env.example). */
const settingsSchema = z.object({
  /** Test people: "<national id>=<given> <family>" separated by ";". Others get a name made from the number. */
  SANDBOX_EID_PEOPLE: peopleSetting,
});

let appParts = false;

export function registerEid(services: Services, env: Record<string, string | undefined> = process.env): void {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    // Like main.ts does for the core settings: one clear message, no stack trace.
    console.error(`sandbox: bad settings:\n${lines.join('\n')}`);
    process.exit(1);
  }
  const accountSettings = APPS.find((a) => a.id === 'accountsettings')!;
  const host = createEidHost(services, parsed.data.SANDBOX_EID_PEOPLE, [
    `${services.urls.connect}/eid/callback`,
    `${services.urls.app(accountSettings)}/eid/callback`,
  ]);
  hosts.set(services, host.handle);
  const client = new EidClient(services);
  registerEidSignIn(services, client);
  // App sections and extensions are process-wide (rp/app.ts): register them once.
  if (!appParts) {
    appParts = true;
    registerEidSettings(services, client);
    registerTenantAdmission();
  }
}

/** The request handler of eid.<domain>, once registerEid has run for these services. */
export const eidHandler = (services: Services): Handler | undefined => hosts.get(services);
