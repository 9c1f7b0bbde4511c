// The target's test clock: what needs time to pass (a link's 24 hours, a 10-minute SMS code, a 30-day
// remembered device, a lockout window) moves one account's clock forward instead of sleeping. The sandbox
// has one in test mode (POST /control/v1/accounts/<id>/clock, the SCIM bearer token); a target without it
// skips the check with that reason, which names the missing capability.
import type { TestInfo } from '@playwright/test';
import type { Config } from '../../../lib/config.ts';
import { httpRequest } from '../../../lib/http.ts';
import type { Person } from '../../../lib/users/index.ts';

const CLOCK_API = 'its control API /control/v1/accounts/<id>/clock';
export const NO_CLOCK = `the target has no test clock (${CLOCK_API})`;

export interface TestClock {
  /** Moves the account's clock forward by `seconds`. */
  advance(seconds: number): Promise<void>;
}

/** The account's test clock, or the test is skipped saying the target has none. */
export async function testClock(config: Config, person: Person, testInfo: TestInfo): Promise<TestClock> {
  const token = config.scim?.token;
  if (!person.id || !token) {
    testInfo.skip(
      true,
      `the target has no test clock for this account: it has no SCIM id or there is no SCIM token to reach ${CLOCK_API}`,
    );
    throw new Error('not reached');
  }
  const url = `${config.urls.connect}/control/v1/accounts/${encodeURIComponent(person.id)}/clock`;
  const headers = { authorization: `Bearer ${token}` };
  const probe = await httpRequest(url, { headers }).catch((error: unknown) => ({
    status: 0,
    text: (error as Error).message,
  }));
  if (probe.status !== 200) {
    testInfo.skip(true, `the target has no test clock (${CLOCK_API} answered ${probe.status || probe.text})`);
    throw new Error('not reached');
  }
  return {
    async advance(seconds: number) {
      const res = await httpRequest(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ advanceSeconds: seconds }),
      });
      if (res.status !== 200)
        throw new Error(`the test clock refused to move ${seconds} s forward: ${res.status} ${res.text}`);
    },
  };
}
