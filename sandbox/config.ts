// The sandbox's own settings (it shares no code with the suite). Read from the environment; `.env` is
// loaded by the entry point. Documented in `.env.example` and the README.
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

const wordsSchema = z.partialRecord(z.enum(['en', 'nb']), z.record(z.string(), z.string().max(500)));

const schema = z.object({
  SANDBOX_PORT: port.default(4400),
  SANDBOX_HOST: z.string().default('127.0.0.1'),
  /** SQLite file for accounts and sessions; empty = a fresh temporary file per start. */
  SANDBOX_DB: z.string().optional(),
  /** Test mode switches on the control API (clock advance, fault injection). */
  SANDBOX_TEST_MODE: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  SCIM_TOKEN: z.string().min(8).default('sandbox-scim-token'),
  /**
   * Test mode only: replaces words of the catalogues, as a renamed button in a new release would, e.g.
   * {"en":{"setpw.submit":"Save password"}}. The drift demo uses it to show what a stale guide looks like.
   */
  SANDBOX_WORDS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return undefined;
      try {
        return wordsSchema.parse(JSON.parse(v));
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `must be JSON such as {"en":{"key":"text"}}: ${(error as Error).message}`,
        });
        return z.NEVER;
      }
    }),
  /**
   * Test mode only: every mail with a button also carries a link that answers 404, to show that a guide
   * step reading such a mail fails as a broken flow naming the link.
   */
  SANDBOX_MAIL_BROKEN_LINK: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /** Where the sandbox sends its mail (and SMS-as-mail). */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** Start the built-in mail sink; set 0 when a real Mailpit receives the mail. */
  MAIL_SINK: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  MAIL_SMTP_PORT: port.default(1025),
  MAIL_HTTP_PORT: port.default(8025),
  /** SQLite file for the mail sink; empty = temporary. */
  MAIL_DB: z.string().optional(),
  /** Keep at most this many messages (oldest deleted first); 0 = no limit. Like Mailpit's --max. */
  MAIL_MAX_MESSAGES: z.coerce.number().int().min(0).default(500),
  /** Largest message accepted over SMTP, in bytes. */
  MAIL_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Sender of the sandbox's mail (activation, reset, one-time link, confirmations). */
  MAIL_FROM: z.string().min(3).default('Visma Connect <do.not.reply@mail.connect.localhost>'),
  /** Public base domain of the web hosts: connect.<domain>, portal.<domain>, ... */
  SANDBOX_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/, 'must be a lower-case host name such as localhost')
    .default('localhost'),
  /** Port in the public URLs (differs from SANDBOX_PORT only behind a proxy). Empty = SANDBOX_PORT. */
  SANDBOX_PUBLIC_PORT: z.preprocess((v) => (v === '' ? undefined : v), port.optional()),
  /** E-mail domains offered the "ADFS" option on sign-in step 2 (comma-separated). */
  SANDBOX_ADFS_DOMAINS: z
    .string()
    .default('visma.com')
    .transform((v) =>
      v
        .split(',')
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
    ),
  /**
   * scrypt cost (N, a power of two; r=8, p=1). 8192 = 8 MiB and ~20 ms per hash on one core, so 8
   * concurrent sign-ins stay under 250 ms on 2 cores. Raise it where the machine allows.
   */
  SANDBOX_SCRYPT_N: z.coerce
    .number()
    .int()
    .refine((n) => n >= 1024 && (n & (n - 1)) === 0, 'must be a power of two, at least 1024')
    .default(8192),
  /** Visma Home: two-step verification is optional ("Remind me later") until this date (account clock). */
  SANDBOX_2FA_HOME_DEADLINE: z.iso.date('must be a date such as 2027-07-01').default('2027-07-01'),
  /** After "Remind me later", the prompt comes back at the n-th sign-in after it. */
  SANDBOX_2FA_REMIND_AFTER_SIGNINS: z.coerce.number().int().min(1).max(100).default(3),
  /** A push sign-in request waits this many seconds (account clock) for Approve / Deny. */
  SANDBOX_2FA_PUSH_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /**
   * Test mode only: a slow service. Every web response (not /healthz) is answered this many milliseconds
   * late, and every mail is delivered SANDBOX_MAIL_DELAY_MS after the service sent it, to show that the
   * guides hold on a slow target without a false alarm.
   */
  SANDBOX_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  SANDBOX_MAIL_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
});

/** Settings after defaults; SMTP_URL defaults to the built-in sink's SMTP port. */
export type SandboxConfig = z.infer<typeof schema> & { SMTP_URL: string };

export function loadSandboxConfig(env: Record<string, string | undefined> = process.env): SandboxConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`sandbox: bad settings:\n${lines.join('\n')}`);
  }
  return {
    ...result.data,
    SMTP_URL: result.data.SMTP_URL ?? `smtp://localhost:${result.data.MAIL_SMTP_PORT}`,
  };
}
