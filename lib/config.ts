// The suite's settings: read from the environment (and `.env`, through dotenv), validated with zod.
// Every setting is documented in `.env.example` and in the README's configuration table; keep the three
// in step. Bad settings stop the run before any test with one message listing every problem.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { closest, distance } from 'fastest-levenshtein';
import { z } from 'zod';

export const TARGETS = ['sandbox', 'remote'] as const;
export type Target = (typeof TARGETS)[number];

const url = (what: string) =>
  z.url({ protocol: /^https?$/, error: `must be an http(s) URL for ${what}, e.g. http://localhost:8025` });

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const flag = z
  .enum(['0', '1', 'true', 'false', ''], { error: 'must be 1/true or 0/false' })
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** A switch that is on unless set to 0/false/off/no (the guide check reads these names as well). */
const onSwitch = z
  .string()
  .optional()
  .transform((v) => (v ?? '').trim().toLowerCase())
  .refine((v) => ['', '0', '1', 'true', 'false', 'on', 'off', 'yes', 'no'].includes(v), {
    error: 'must be 1/true/on/yes or 0/false/off/no',
  })
  .transform((v) => !['0', 'false', 'off', 'no'].includes(v));

const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `must be a whole number (${what})` })
    .int({ error: `must be a whole number (${what})` })
    .positive({ error: `must be greater than 0 (${what})` });

/** The sandbox's hosts for its ports; with TARGET=sandbox these are the defaults of the URL settings. */
export function sandboxDefaults(port = 4400, mailHttpPort = 8025) {
  return {
    CONNECT_URL: `http://connect.localhost:${port}`,
    ACCOUNTSETTINGS_URL: `http://accountsettings.connect.localhost:${port}`,
    PORTAL_URL: `http://portal.localhost:${port}`,
    HOME_URL: `http://home.localhost:${port}`,
    ENTERPRISE_URL: `http://{tenant}.enterprise.localhost:${port}`,
    EID_URL: `http://eid.localhost:${port}`,
    MAILPIT_URL: `http://localhost:${mailHttpPort}`,
    SCIM_URL: `http://connect.localhost:${port}/scim/v2`,
    SCIM_TOKEN: 'sandbox-scim-token',
  } as const;
}

const tcpPort = (what: string) =>
  z.coerce
    .number({ error: `must be a port number (${what})` })
    .int({ error: `must be a port number (${what})` })
    .min(1, { error: `must be a port number from 1 to 65535 (${what})` })
    .max(65535, { error: `must be a port number from 1 to 65535 (${what})` });

const wsUrl = z.url({
  protocol: /^wss?$/,
  error: 'must be a ws:// or wss:// URL of a Playwright browser server, e.g. ws://grid.example:3000/',
});

/** The suite's own settings, each validated. Further names the suite knows are in OTHER_SETTINGS. */
const fields = z.object({
  TARGET: z.enum(TARGETS, { error: `must be one of: ${TARGETS.join(', ')}` }).default('sandbox'),
  SANDBOX_PORT: tcpPort("the sandbox's web hosts").default(4400),
  MAIL_HTTP_PORT: tcpPort("the sandbox's mail sink API").default(8025),
  MAIL_SMTP_PORT: tcpPort("the sandbox's mail sink SMTP").default(1025),
  CONNECT_URL: url('the login service (connect)').optional(),
  ACCOUNTSETTINGS_URL: url('Account Settings').optional(),
  PORTAL_URL: url('the Customer Portal app').optional(),
  HOME_URL: url('the Home app').optional(),
  ENTERPRISE_URL: z
    .string()
    .refine((v) => v.includes('{tenant}') && URL.canParse(v.replace('{tenant}', 'x')), {
      error: 'must be a URL with a {tenant} placeholder, e.g. http://{tenant}.enterprise.localhost:4400',
    })
    .optional(),
  EID_URL: url('the electronic ID provider').optional(),
  MAILPIT_URL: url('the Mailpit web/API address').optional(),
  MAILPIT_USERNAME: optionalText,
  MAILPIT_PASSWORD: optionalText,
  SCIM_URL: url('SCIM 2.0 provisioning').optional(),
  SCIM_TOKEN: optionalText,
  USERS_PROVISIONING: z
    .enum(['auto', 'scim', 'pool', 'none'], { error: 'must be one of: auto, scim, pool, none' })
    .default('auto'),
  USERS_POOL_FILE: optionalText.refine((p) => p === undefined || existsSync(p), {
    error: 'points to a file that does not exist',
  }),
  SMS_SINK: z.enum(['mailpit', 'http'], { error: 'must be mailpit or http' }).default('mailpit'),
  SMS_URL: url('the SMS sink')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SMS_MAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, { error: 'must be a domain such as sms.localhost' })
    .default('sms.localhost'),
  // Checked below: with a remote browser server it names a browser on the server's machine.
  CHROMIUM_PATH: optionalText,
  // Playwright's own settings for a remote browser server (`npx playwright run-server`); its test
  // runner reads them too, so they keep Playwright's names.
  PW_TEST_CONNECT_WS_ENDPOINT: wsUrl.optional().or(z.literal('').transform(() => undefined)),
  PW_TEST_CONNECT_EXPOSE_NETWORK: optionalText,
  PW_TEST_CONNECT_HEADERS: optionalText.refine((v) => v === undefined || isHeaderObject(v), {
    error: 'must be a JSON object of header names to string values, e.g. {"x-api-key":"…"}',
  }),
  GUIDES_DIR: optionalText.refine((p) => p === undefined || existsSync(p), {
    error: 'points to a folder that does not exist (it holds <locale>/<guide-id>.md)',
  }),
  GUIDES_MANIFEST: optionalText.refine((p) => p === undefined || existsSync(p), {
    error: 'points to a file that does not exist (a guide manifest, see guides.config.ts)',
  }),
  REPORTS_DIR: z.string().trim().min(1, { error: 'must name a folder, e.g. reports' }).default('reports'),
  HEADED: flag,
  GUIDEWRIGHT_CHECK: onSwitch,
  GUIDEWRIGHT_SCREENSHOTS: onSwitch,
  GUIDEWRIGHT_AXE: z.enum(['off', 'report', 'fail'], { error: 'must be off, report or fail' }).default('off'),
  GUIDEWRIGHT_TRACE: z
    .enum(['off', 'on', 'retain-on-failure', 'on-first-retry'], {
      error: 'must be off, on, retain-on-failure or on-first-retry',
    })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  WORKERS: positiveInt('test workers').optional(),
  MAIL_TIMEOUT_MS: positiveInt('milliseconds').default(15_000),
  MAIL_DOMAIN: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z0-9-]+$/i, {
      error: 'must be a mail domain such as guidewright.test',
    })
    .default('guidewright.test'),
});

function isHeaderObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.values(value).every((v) => typeof v === 'string')
    );
  } catch {
    return false;
  }
}

const schema = fields.superRefine((env, ctx) => {
  if (env.SMS_SINK === 'http' && !env.SMS_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['SMS_URL'],
      message: 'is required when SMS_SINK=http (the sink that lists the SMS sent to a number)',
    });
  }
  if (env.USERS_PROVISIONING === 'pool' && !env.USERS_POOL_FILE) {
    ctx.addIssue({
      code: 'custom',
      path: ['USERS_POOL_FILE'],
      message: 'is required when USERS_PROVISIONING=pool',
    });
  }
  if (env.CHROMIUM_PATH && !env.PW_TEST_CONNECT_WS_ENDPOINT && !existsSync(env.CHROMIUM_PATH)) {
    ctx.addIssue({
      code: 'custom',
      path: ['CHROMIUM_PATH'],
      message: 'points to a file that does not exist',
    });
  }
  if (env.TARGET === 'sandbox') return;
  // A remote target cannot lend the sandbox's SCIM defaults: half a SCIM setup would leave every test
  // that needs a user skipped, and the run green on nothing.
  if (env.USERS_PROVISIONING === 'scim' || env.SCIM_URL || env.SCIM_TOKEN) {
    const when =
      env.USERS_PROVISIONING === 'scim'
        ? `when USERS_PROVISIONING=scim and TARGET=${env.TARGET}`
        : 'as well: SCIM_URL and SCIM_TOKEN go together';
    if (!env.SCIM_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['SCIM_URL'],
        message: `is required ${when} (the SCIM 2.0 endpoint)`,
      });
    if (!env.SCIM_TOKEN)
      ctx.addIssue({
        code: 'custom',
        path: ['SCIM_TOKEN'],
        message: `is required ${when} (its bearer token)`,
      });
  }
  for (const key of ['CONNECT_URL', 'MAILPIT_URL'] as const) {
    if (!env[key])
      ctx.addIssue({ code: 'custom', path: [key], message: `is required when TARGET=${env.TARGET}` });
  }
  if ((env.MAILPIT_USERNAME === undefined) !== (env.MAILPIT_PASSWORD === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['MAILPIT_PASSWORD'],
      message: 'MAILPIT_USERNAME and MAILPIT_PASSWORD go together: set both or neither',
    });
  }
});

export interface Config {
  target: Target;
  /** Where the sandbox listens (TARGET=sandbox): its web hosts' port, for Playwright's webServer. */
  sandbox: { port: number; mailHttpPort: number; smtpPort: number };
  urls: {
    connect: string;
    accountSettings: string;
    portal: string;
    home: string;
    /** Template with `{tenant}`, e.g. `http://{tenant}.enterprise.localhost:4400`. */
    enterprise: string;
    eid: string;
  };
  mailpit: {
    url: string;
    username?: string;
    password?: string;
    timeoutMs: number;
    /** Domain of the unique per-test addresses; the target must accept mail to it. */
    domain: string;
  };
  scim?: { url: string; token: string };
  /** How tests get a fresh user: auto = SCIM when configured, else the pool file. */
  users: { provisioning: 'auto' | 'scim' | 'pool' | 'none'; poolFile?: string };
  /** Where SMS arrive: as mail in Mailpit to <digits>@mailDomain, or from an HTTP sink. */
  sms: { sink: 'mailpit' | 'http'; url?: string; mailDomain: string };
  chromiumPath?: string;
  /**
   * A browser server elsewhere (`npx playwright run-server`, a grid, a cloud) that runs the browsers;
   * chromiumPath then names a browser on that machine (the server must run with --unsafe to accept it).
   */
  remoteBrowser?: { wsEndpoint: string; exposeNetwork?: string; headers?: Record<string, string> };
  headed: boolean;
  /** Where the reports go (html/, junit.xml, guides/, blob/); one folder per shard on a shared machine. */
  reportsDir: string;
  /** Folder of the guides under test (`<locale>/<guide-id>.md`); default the project's guides/. */
  guidesDir?: string;
  /** A guide manifest (guides.config.ts); when set, it lists the guides instead of guidesDir. */
  guidesManifest?: string;
  /** The guide check (observation and the quoted-word check); off only to measure its cost. */
  guideCheck: boolean;
  /** A screenshot per guide step in the doc writers' report. */
  stepScreenshots: boolean;
  /** axe on each guide step's final screen: off, listed in the report, or serious findings fail the step. */
  accessibility: 'off' | 'report' | 'fail';
  /** When a guide or regression test keeps its redacted trace; undefined: Playwright's default for the run. */
  trace?: 'off' | 'on' | 'retain-on-failure' | 'on-first-retry';
  workers?: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `guidewright: the configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nFix them in .env (see .env.example and the README\'s "Configuration" table) or in the environment.',
    );
    this.name = 'ConfigError';
  }
}

/** Parses settings from a plain record (the environment); throws ConfigError listing every problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const key = i.path.join('.') || '(environment)';
        const value = env[key];
        const shown = value === undefined || /TOKEN|PASSWORD/.test(key) ? '' : ` (got "${value}")`;
        return `${key}${shown}: ${i.message}`;
      }),
    );
  }
  const e = result.data;
  const d = e.TARGET === 'sandbox' ? sandboxDefaults(e.SANDBOX_PORT, e.MAIL_HTTP_PORT) : undefined;
  const pick = <K extends keyof ReturnType<typeof sandboxDefaults>>(
    key: K,
    value: string | undefined,
  ): string => value ?? d?.[key] ?? '';
  const scimUrl = pick('SCIM_URL', e.SCIM_URL);
  const scimToken = e.SCIM_TOKEN ?? d?.SCIM_TOKEN;
  return {
    target: e.TARGET,
    sandbox: { port: e.SANDBOX_PORT, mailHttpPort: e.MAIL_HTTP_PORT, smtpPort: e.MAIL_SMTP_PORT },
    urls: {
      connect: pick('CONNECT_URL', e.CONNECT_URL),
      accountSettings: pick('ACCOUNTSETTINGS_URL', e.ACCOUNTSETTINGS_URL),
      portal: pick('PORTAL_URL', e.PORTAL_URL),
      home: pick('HOME_URL', e.HOME_URL),
      enterprise: pick('ENTERPRISE_URL', e.ENTERPRISE_URL),
      eid: pick('EID_URL', e.EID_URL),
    },
    mailpit: {
      url: pick('MAILPIT_URL', e.MAILPIT_URL),
      username: e.MAILPIT_USERNAME,
      password: e.MAILPIT_PASSWORD,
      timeoutMs: e.MAIL_TIMEOUT_MS,
      domain: e.MAIL_DOMAIN,
    },
    scim: scimUrl && scimToken ? { url: scimUrl, token: scimToken } : undefined,
    users: { provisioning: e.USERS_PROVISIONING, poolFile: e.USERS_POOL_FILE },
    sms: { sink: e.SMS_SINK, url: e.SMS_URL, mailDomain: e.SMS_MAIL_DOMAIN },
    chromiumPath: e.CHROMIUM_PATH,
    ...(e.PW_TEST_CONNECT_WS_ENDPOINT
      ? {
          remoteBrowser: {
            wsEndpoint: e.PW_TEST_CONNECT_WS_ENDPOINT,
            ...(e.PW_TEST_CONNECT_EXPOSE_NETWORK ? { exposeNetwork: e.PW_TEST_CONNECT_EXPOSE_NETWORK } : {}),
            ...(e.PW_TEST_CONNECT_HEADERS
              ? { headers: JSON.parse(e.PW_TEST_CONNECT_HEADERS) as Record<string, string> }
              : {}),
          },
        }
      : {}),
    headed: e.HEADED,
    guidesDir: e.GUIDES_DIR && path.resolve(e.GUIDES_DIR),
    reportsDir: e.REPORTS_DIR,
    guideCheck: e.GUIDEWRIGHT_CHECK,
    stepScreenshots: e.GUIDEWRIGHT_SCREENSHOTS,
    accessibility: e.GUIDEWRIGHT_AXE,
    ...(e.GUIDEWRIGHT_TRACE ? { trace: e.GUIDEWRIGHT_TRACE } : {}),
    workers: e.WORKERS,
  };
}

/**
 * Names the suite knows besides its own validated settings: the sandbox's (read by sandbox/, listed in
 * .env.example) and switches of the scripts.
 */
export const OTHER_SETTINGS = [
  'GUIDEWRIGHT_ENV_FILE',
  'GUIDEWRIGHT_SKIP_BROWSER_INSTALL',
  'GUIDEWRIGHT_SECRETS_LOG',
  'SANDBOX_DB',
  'SANDBOX_TEST_MODE',
  'SANDBOX_DOMAIN',
  'SANDBOX_PUBLIC_PORT',
  'SANDBOX_ADFS_DOMAINS',
  'SANDBOX_SCRYPT_N',
  'SANDBOX_EID_PEOPLE',
  'SANDBOX_2FA_HOME_DEADLINE',
  'SANDBOX_2FA_REMIND_AFTER_SIGNINS',
  'SANDBOX_2FA_PUSH_TIMEOUT_SECONDS',
  'SANDBOX_WORDS',
  'SANDBOX_MAIL_BROKEN_LINK',
  'SANDBOX_DELAY_MS',
  'SANDBOX_MAIL_DELAY_MS',
  'SMTP_URL',
  'MAIL_SINK',
  'MAIL_DB',
  'MAIL_MAX_MESSAGES',
  'MAIL_MAX_MESSAGE_BYTES',
  'MAIL_FROM',
] as const;

/** Every setting name guidewright reads. */
export const KNOWN_SETTINGS: readonly string[] = [...Object.keys(fields.shape), ...OTHER_SETTINGS].sort();

/** Names that belong to other tools (Playwright, Node, CI) and may sit in a .env without a warning. */
const FOREIGN_NAME =
  /^(PW_|PWDEBUG$|PLAYWRIGHT_|DEBUG$|NODE_|npm_|CI$|GITHUB_|GITLAB_|HTTPS?_PROXY$|NO_PROXY$)/i;

/**
 * One warning per name in a .env file that guidewright does not read, with the closest known name when
 * one is near (a misspelt CONECT_URL would otherwise be silently ignored).
 */
export function unknownSettingWarnings(names: Iterable<string>, file = '.env'): string[] {
  const warnings: string[] = [];
  for (const name of names) {
    if (KNOWN_SETTINGS.includes(name) || FOREIGN_NAME.test(name)) continue;
    const near = closest(name.toUpperCase(), [...KNOWN_SETTINGS]);
    const hint =
      distance(name.toUpperCase(), near) <= Math.max(2, Math.floor(near.length / 4))
        ? `did you mean ${near}?`
        : 'see .env.example for the settings there are';
    warnings.push(`guidewright: warning: ${file} sets ${name}, which guidewright does not read; ${hint}`);
  }
  return warnings;
}

let cached: Config | undefined;

/** Loads `.env` (if present; real environment variables win) and returns the validated settings. */
export function loadConfig(): Config {
  if (cached) return cached;
  const file = process.env.GUIDEWRIGHT_ENV_FILE ?? path.resolve(process.cwd(), '.env');
  if (existsSync(file)) {
    dotenv.config({ path: file, quiet: true });
    // Warned once per run: child processes (Playwright's workers, a nested npx) inherit the marker.
    if (!process.env.GUIDEWRIGHT_ENV_CHECKED) {
      process.env.GUIDEWRIGHT_ENV_CHECKED = '1';
      const names = Object.keys(dotenv.parse(readFileSync(file)));
      for (const warning of unknownSettingWarnings(names, path.basename(file))) console.warn(warning);
    }
  }
  cached = parseConfig(process.env);
  return cached;
}

/** For entry points: load the settings or print the problems (no stack trace) and exit 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
