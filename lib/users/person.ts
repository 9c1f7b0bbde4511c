// The person a test plays, what a test asks for, and the provisioning port every kind of target implements.
import type { Locale } from '../locale.ts';

export type Language = Locale;

export interface Person {
  email: string;
  /** The password the person has (create) or will choose (invite). A secret: never print it. */
  password: string;
  givenName: string;
  familyName: string;
  /** As apps show it: "Given Family". */
  name: string;
  /** E.164, e.g. +4791234567, when the person has a phone. */
  phone?: string;
  language: Language;
  /** Where the account came from. */
  source: 'scim' | 'pool';
  /** The target's id for the account (SCIM id), when it has one. */
  id?: string;
  /**
   * Base32 key of the authenticator app the person already has (PersonSpec.authenticator). A secret:
   * never print it.
   */
  totpSecret?: string;
  /**
   * Which of the spec's earlier events (PersonSpec.earlier) the target set up on the account directly.
   * The ones missing here did not happen yet: the test walks them in the browser itself.
   */
  seeded: { [K in keyof EarlierEvents]?: true };
}

/**
 * What happened to an account before the guide starts and is not a step of it. A target that can seed
 * them (the sandbox's SCIM extension) sets them up when the account is made, which spares the test a walk
 * through screens another test covers; any other target leaves them to the test (Person.seeded).
 */
export interface EarlierEvents {
  /** BankID of this national identity number was linked to the account. */
  linkedEid?: string;
  /** At an earlier sign-in the person was offered two-step verification and pressed "Remind me later". */
  twoStepPostponed?: boolean;
  /**
   * Two-step verification was set up earlier with an authenticator app; when seeded, Person.totpSecret is
   * the key the person's app holds (a pool gives an account that has one).
   */
  twoStepEnrolled?: boolean;
}

export interface PersonSpec {
  /** The app the invitation is for (sandbox: portal, home, accountsettings, sokndal, askoy). */
  app?: string;
  /** The account's language (mails, screens). Default: the test project's language. */
  language?: Language;
  /** Tenants (municipalities) the account belongs to. */
  tenants?: string[];
  /** true: a fresh phone number; a string: this E.164 number. */
  phone?: boolean | string;
  /**
   * The account has two-step verification with an authenticator app already (set up in another service),
   * and the person's phone holds its key: Person.totpSecret.
   */
  authenticator?: boolean;
  givenName?: string;
  familyName?: string;
  /**
   * The test changes the account (resets its password, links an eID, ...): pre-created pool accounts
   * must stay as they are, so such a test needs a provisioning API.
   */
  changesAccount?: boolean;
  /** Events before the guide; see EarlierEvents and Person.seeded. */
  earlier?: EarlierEvents;
}

/** Why a target cannot give what a test asks for; the test is skipped with this reason. */
export class CannotProvide extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CannotProvide';
  }
}

export interface NewAccount {
  email: string;
  password: string;
  givenName: string;
  familyName: string;
  phone?: string;
  language: Language;
  app?: string;
  tenants?: string[];
  totpSecret?: string;
}

/** The provisioning port: one adapter per kind of target. */
export interface Provisioning {
  readonly name: string;
  /** An invited account (no password yet): the target sends its activation mail. */
  invite(account: NewAccount, spec: PersonSpec): Promise<Person>;
  /** An active account with the given password. */
  create(account: NewAccount, spec: PersonSpec): Promise<Person>;
  /** Deletes an account this adapter created (no-op for accounts it did not create). */
  remove(person: Person): Promise<void>;
}
