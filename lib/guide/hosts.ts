// Guides link to the real service's hosts; a run goes to the configured target instead. This maps the
// real hosts the guides use to the target's URLs, and a guide's `start` app to the URL to open.
import type { StartApp } from './types.ts';

export interface TargetUrls {
  connect: string;
  accountSettings: string;
  portal: string;
  home: string;
  /** Template with `{tenant}`. */
  enterprise: string;
  eid: string;
}

/** Real host (or "*.suffix") → target URL. Unknown hosts are reported by the lint. */
export function hostMapFor(urls: TargetUrls): Record<string, string> {
  const map: Record<string, string> = {
    'connect.visma.com': urls.connect,
    'accountsettings.connect.visma.com': urls.accountSettings,
    'home.visma.com': urls.home,
    'customer.vismaenterprise.dk': urls.portal,
    '*.vuq.visma.com': urls.enterprise,
    '*.enterprise.visma.no': urls.enterprise,
    'idporten.no': urls.eid,
    'login.idporten.no': urls.eid,
  };
  // The target's own hosts are mapped too, so a guide that links to them is fine.
  for (const url of Object.values(urls)) {
    const host = safeHost(url.replace('{tenant}', 'tenant'));
    if (!host) continue;
    if (url.includes('{tenant}')) map[`*.${host.split('.').slice(1).join('.')}`] = url;
    else map[host] = url;
  }
  return map;
}

/** The URL a guide starts at: `enterprise:<tenant>` fills the tenant into the enterprise template. */
export function startUrl(start: StartApp, urls: TargetUrls): string {
  if (start.startsWith('enterprise:'))
    return urls.enterprise.replace('{tenant}', start.slice('enterprise:'.length));
  const byApp: Record<string, string> = {
    connect: urls.connect,
    accountsettings: urls.accountSettings,
    portal: urls.portal,
    home: urls.home,
  };
  const url = byApp[start];
  if (!url) throw new Error(`unknown start app "${start}"`);
  return url;
}

/** The target origin for a real URL a guide quotes, or undefined when the host is not mapped. */
export function mapUrl(href: string, map: Record<string, string>): string | undefined {
  const host = safeHost(href);
  if (!host) return undefined;
  for (const [pattern, target] of Object.entries(map)) {
    const hit = pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
    if (!hit) continue;
    const tenant = pattern.startsWith('*.') ? host.slice(0, host.length - pattern.length + 1) : 'tenant';
    return safeOrigin(target.replace('{tenant}', tenant));
  }
  return undefined;
}

/**
 * A mail address a guide quotes as the target writes it: the part of its domain that is a mapped real host
 * becomes the target's host (do.not.reply@mail.connect.visma.com → do.not.reply@mail.connect.localhost
 * against the sandbox). Undefined when no mapped host ends the domain.
 */
export function mapAddress(address: string, map: Record<string, string>): string | undefined {
  const at = address.lastIndexOf('@');
  if (at <= 0) return undefined;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  const hosts = Object.keys(map)
    .filter((h) => !h.startsWith('*.'))
    .sort((a, b) => b.length - a.length);
  for (const real of hosts) {
    if (domain !== real && !domain.endsWith(`.${real}`)) continue;
    const target = safeHost(map[real]!);
    if (!target) return undefined;
    return `${local}@${domain.slice(0, domain.length - real.length)}${target}`;
  }
  return undefined;
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(/^[a-z]+:\/\//i.test(url) ? url : `https://${url}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
