// The sandbox's hosts and relying apps. Every app is an OIDC client of connect; its sign-in screen shows the
// social/eID buttons listed here (a button whose provider is not set up says so when pressed).
import type { SandboxConfig } from './config.ts';

export type Federation =
  'facebook' | 'github' | 'google' | 'linkedin' | 'microsoft' | 'apple' | 'idporten' | 'adfs';

export const FEDERATION_NAMES: Record<Federation, string> = {
  facebook: 'Facebook',
  github: 'GitHub',
  google: 'Google',
  linkedin: 'LinkedIn',
  microsoft: 'Microsoft',
  apple: 'Apple',
  idporten: 'ID-porten',
  adfs: 'ADFS',
};

export interface AppDef {
  /** OIDC client_id, also the value of the SCIM extension's `app`. */
  id: string;
  /** Host name below the sandbox domain, e.g. `portal` → portal.localhost. */
  sub: string;
  title: string;
  /** Buttons on sign-in step 1, in order. */
  federation: Federation[];
  /** Tenant (municipality) for Visma Enterprise-style apps. */
  tenant?: string;
}

export const APPS: readonly AppDef[] = [
  { id: 'portal', sub: 'portal', title: 'Customer Portal', federation: [] },
  { id: 'home', sub: 'home', title: 'Visma Home', federation: [] },
  {
    id: 'accountsettings',
    sub: 'accountsettings.connect',
    title: 'Account Settings',
    federation: ['facebook', 'github', 'google', 'linkedin', 'idporten'],
  },
  {
    id: 'sokndal',
    sub: 'sokndal.enterprise',
    title: 'Visma Enterprise',
    federation: ['idporten'],
    tenant: 'sokndal',
  },
  {
    id: 'askoy',
    sub: 'askoy.enterprise',
    title: 'Visma Enterprise',
    federation: ['idporten'],
    tenant: 'askoy',
  },
];

export const appById = (id: string | null | undefined): AppDef | undefined => APPS.find((a) => a.id === id);

export interface Urls {
  domain: string;
  port: number;
  connect: string;
  /** The simulated ID-porten (eid.<domain>). */
  eid: string;
  app(app: AppDef): string;
}

export function urlsFor(config: SandboxConfig): Urls {
  const port = config.SANDBOX_PUBLIC_PORT ?? config.SANDBOX_PORT;
  const base = (sub: string) => `http://${sub}.${config.SANDBOX_DOMAIN}:${port}`;
  return {
    domain: config.SANDBOX_DOMAIN,
    port,
    connect: base('connect'),
    eid: base('eid'),
    app: (a) => base(a.sub),
  };
}
