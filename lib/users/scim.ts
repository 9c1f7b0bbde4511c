// SCIM 2.0 provisioning (/Users): the sandbox (with its extension for app, language, tenants, invited or
// active, and seeds of what happened earlier) and any SCIM-capable target (core attributes only).
import { generateSecret } from 'otplib';
import { httpRequest, type HttpResult } from '../http.ts';
import {
  CannotProvide,
  type EarlierEvents,
  type NewAccount,
  type Person,
  type PersonSpec,
  type Provisioning,
} from './person.ts';

export const SCIM_CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_SANDBOX_EXTENSION = 'urn:guidewright:params:scim:schemas:extension:sandbox:2.0:User';

export interface ScimOptions {
  url: string;
  token: string;
  /** Use the sandbox's extension (invited/active, app, language, tenants). Only the sandbox knows it. */
  sandboxExtension: boolean;
}

export class ScimProvisioning implements Provisioning {
  readonly name = 'scim';
  constructor(private readonly o: ScimOptions) {}

  async invite(account: NewAccount, spec: PersonSpec): Promise<Person> {
    return this.add(account, spec, 'invited');
  }

  async create(account: NewAccount, spec: PersonSpec): Promise<Person> {
    return this.add(account, spec, 'active');
  }

  async remove(person: Person): Promise<void> {
    if (person.source !== 'scim' || !person.id) return;
    const res = await this.call('DELETE', `/Users/${encodeURIComponent(person.id)}`);
    if (res.status !== 204 && res.status !== 200 && res.status !== 404) {
      throw new Error(`SCIM: deleting the test's user failed with ${res.status}: ${scimDetail(res)}`);
    }
  }

  private async add(asked: NewAccount, spec: PersonSpec, status: 'invited' | 'active'): Promise<Person> {
    const earlier = this.o.sandboxExtension ? (spec.earlier ?? {}) : {};
    // Set up earlier with an authenticator app: the sandbox seeds a key the person's app holds.
    const a =
      earlier.twoStepEnrolled && !asked.totpSecret ? { ...asked, totpSecret: generateSecret() } : asked;
    if (!this.o.sandboxExtension && a.totpSecret) {
      throw new CannotProvide(
        'the target is provisioned over plain SCIM, which cannot seed two-step verification; this test needs an account that has an authenticator app already',
      );
    }
    if (!this.o.sandboxExtension && spec.tenants?.length) {
      throw new CannotProvide(
        'the target is provisioned over plain SCIM, which has no attribute for tenants; this test needs an account in given tenants',
      );
    }
    const seeds = sandboxSeeds(a, earlier);
    const body: Record<string, unknown> = {
      schemas: this.o.sandboxExtension ? [SCIM_CORE, SCIM_SANDBOX_EXTENSION] : [SCIM_CORE],
      userName: a.email,
      name: { givenName: a.givenName, familyName: a.familyName },
      displayName: `${a.givenName} ${a.familyName}`,
      emails: [{ value: a.email, type: 'work', primary: true }],
      ...(a.phone ? { phoneNumbers: [{ value: a.phone, type: 'mobile', primary: true }] } : {}),
      preferredLanguage: a.language,
      active: true,
      ...(status === 'active' ? { password: a.password } : {}),
    };
    if (this.o.sandboxExtension) {
      body[SCIM_SANDBOX_EXTENSION] = {
        status,
        language: a.language,
        ...(a.phone ? { phone: a.phone } : {}),
        ...(a.app ? { app: a.app } : {}),
        ...(a.tenants?.length ? { tenants: a.tenants } : {}),
        ...(Object.keys(seeds).length ? { seeds } : {}),
      };
    }
    const res = await this.call('POST', '/Users', JSON.stringify(body));
    if (res.status !== 201) {
      throw new Error(
        `SCIM: creating the test's user (${status}) at ${this.o.url} failed with ${res.status}: ${scimDetail(res)}`,
      );
    }
    const id = res.json<{ id?: string }>().id;
    return {
      email: a.email,
      password: a.password,
      givenName: a.givenName,
      familyName: a.familyName,
      name: `${a.givenName} ${a.familyName}`,
      ...(a.phone ? { phone: a.phone } : {}),
      ...(a.totpSecret ? { totpSecret: a.totpSecret } : {}),
      language: a.language,
      source: 'scim',
      seeded: {
        ...(earlier.linkedEid ? { linkedEid: true } : {}),
        ...(earlier.twoStepPostponed ? { twoStepPostponed: true } : {}),
        ...(earlier.twoStepEnrolled ? { twoStepEnrolled: true } : {}),
      },
      ...(id ? { id } : {}),
    };
  }

  private async call(method: string, path: string, body?: string): Promise<HttpResult> {
    return httpRequest(`${this.o.url.replace(/\/+$/, '')}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.o.token}`,
        accept: 'application/scim+json',
        ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
      },
      ...(body !== undefined ? { body } : {}),
    }).catch((error: unknown) => {
      throw new Error(
        `SCIM: cannot reach ${this.o.url} (${(error as Error).message}); is the target running and SCIM_URL right?`,
        { cause: error },
      );
    });
  }
}

/**
 * The sandbox extension's `seeds` (sandbox/README.md): an authenticator app already set up, an eID link,
 * a postponed two-step offer (as after one "Remind me later": the offer returns a few sign-ins later).
 */
function sandboxSeeds(a: NewAccount, earlier: EarlierEvents): Record<string, unknown> {
  const twofactor = {
    ...(a.totpSecret ? { enrolled: true, totpSecret: a.totpSecret } : {}),
    ...(earlier.twoStepPostponed ? { postponedSignins: 2 } : {}),
  };
  return {
    ...(Object.keys(twofactor).length ? { twofactor } : {}),
    ...(earlier.linkedEid ? { eid: { nationalId: earlier.linkedEid, method: 'bankid' } } : {}),
  };
}

function scimDetail(res: HttpResult): string {
  try {
    return res.json<{ detail?: string }>().detail ?? res.text.slice(0, 300);
  } catch {
    return res.text.slice(0, 300);
  }
}
