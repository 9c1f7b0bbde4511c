// Test users: the person model (person.ts), the provisioning adapters (scim.ts, pool.ts), the Users a test
// asks (users.ts), and the choice of adapter from the settings (USERS_PROVISIONING, USERS_POOL_FILE).
import type { Config } from '../config.ts';
import { PoolProvisioning, readPool } from './pool.ts';
import type { Provisioning } from './person.ts';
import { ScimProvisioning } from './scim.ts';

export * from './person.ts';
export * from './pool.ts';
export * from './scim.ts';
export * from './users.ts';

export interface UsersSettings {
  provisioning?: Provisioning;
  unavailable?: string;
}

/** Picks the adapter: SCIM when configured, else the pool file, else none (tests needing users skip). */
export function provisioningFor(
  config: Pick<Config, 'target' | 'scim' | 'users'>,
  slot: number,
): UsersSettings {
  const { provisioning: mode, poolFile: file } = config.users;
  const scim = config.scim;
  if ((mode === 'auto' || mode === 'scim') && scim) {
    return {
      provisioning: new ScimProvisioning({
        url: scim.url,
        token: scim.token,
        sandboxExtension: config.target === 'sandbox',
      }),
    };
  }
  if (mode === 'scim') return { unavailable: 'USERS_PROVISIONING=scim but SCIM_URL/SCIM_TOKEN are not set' };
  if ((mode === 'auto' || mode === 'pool') && file) {
    return { provisioning: new PoolProvisioning(readPool(file), slot, `USERS_POOL_FILE (${file})`) };
  }
  if (mode === 'pool') return { unavailable: 'USERS_PROVISIONING=pool but USERS_POOL_FILE is not set' };
  return {
    unavailable:
      mode === 'none'
        ? 'USERS_PROVISIONING=none'
        : 'no provisioning is configured (set SCIM_URL and SCIM_TOKEN, or USERS_POOL_FILE)',
  };
}
