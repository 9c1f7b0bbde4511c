// Electronic ID: the simulated ID-porten/BankID provider on eid.<domain>, connect's federation to it, the
// "Sign in as" chooser, linking in Account Settings and tenant admission. A feature for the composition root.
import { z } from 'zod';
import { APPS } from '../apps.ts';
import type { Feature, Services } from '../connect/services.ts';
import { peopleSetting } from './people.ts';
import { createEidHost } from './provider.ts';
import { EidClient } from './client.ts';
import { eidLinkStep, idportenSignIn, registerEidSignIn } from './signin.ts';
import { eidSettingsExtension, eidSettingsSections, createOfferTable } from './settings.ts';
import { tenantAdmission } from './tenant.ts';
import { checkEidSeed } from './links.ts';

/** The eID feature's own settings (documented in .env.example). */
const settingsSchema = z.object({
  /** Test people: "<national id>=<given> <family>" separated by ";". Others get a name made from the number. */
  SANDBOX_EID_PEOPLE: peopleSetting,
});

export function eidFeature(
  services: Services,
  env: Record<string, string | undefined> = process.env,
): Feature {
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
  const client = new EidClient(services);
  createOfferTable(services.db);
  return {
    name: 'eid',
    routes: () => registerEidSignIn(services, client),
    signInSteps: [eidLinkStep],
    federations: { idporten: idportenSignIn(services, client) },
    seedValidators: [checkEidSeed],
    appSections: eidSettingsSections(),
    appExtensions: [
      { appId: 'accountsettings', extension: eidSettingsExtension(services, client) },
      { appId: '*', extension: tenantAdmission },
    ],
    hosts: { eid: host.handle },
  };
}
