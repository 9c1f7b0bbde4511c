// The faults a real login service could ship, each as a small source edit of the sandbox. The fault
// script applies one at a time to a throwaway copy of sandbox/ and runs the release gate against it: a
// fault is caught when a test that passes against the unchanged copy fails. Each edit is anchored on a
// short snippet of logic searched for across the whole copied tree (not a path or a line), so moving
// code between files does not break the catalogue; an anchor that is missing or found more than once
// stops the script naming the fault.

export interface Edit {
  /** A distinctive snippet of the sandbox's code, found exactly once in the copied tree. */
  anchor: string;
  /** What it becomes in the faulty copy. */
  replacement: string;
}

export interface Fault {
  id: string;
  /** The requirement it breaks, as the gate's tags name it (--quick runs only the tests with these tags). */
  tags: string[];
  /** What the faulty service does, in a sentence. */
  what: string;
  edits: Edit[];
}

export const FAULTS: Fault[] = [
  {
    id: 'totp-replay',
    tags: ['@asvs-6.5.1'],
    what: 'accepts a TOTP code of a time step that was used already',
    edits: [{ anchor: "if (lastStep !== null && step <= lastStep) return 'used';", replacement: '' }],
  },
  {
    id: 'totp-wide-window',
    tags: ['@asvs-6.5.5'],
    what: 'accepts TOTP codes two time steps away from now',
    edits: [
      {
        anchor: 'for (const step of [now, now - 1, now + 1])',
        replacement: 'for (const step of [now, now - 1, now + 1, now - 2, now + 2])',
      },
    ],
  },
  {
    id: 'code-throttle-off',
    tags: ['@nist-3.2.2'],
    what: 'never locks a two-step method, however many wrong codes are entered',
    edits: [
      {
        anchor: 'const locked = tfa.store.failures.lockedUntil(account, method, now);',
        replacement: 'const locked = 0;',
      },
      { anchor: 'if (until) return { locked: until };', replacement: '' },
    ],
  },
  {
    id: 'emergency-code-reusable',
    tags: ['@nist-4.2.1.1'],
    what: 'never spends the emergency code: the used one keeps working and the new one shown is not stored',
    edits: [
      { anchor: 'tfa.store.methods.update(flow.account, { emergencyHash: null });', replacement: '' },
      {
        anchor: 'emergencyHash: sha256(flow.data.emergencyCode),',
        replacement: 'emergencyHash: before.emergencyHash ?? sha256(flow.data.emergencyCode),',
      },
    ],
  },
  {
    id: 'sms-code-reusable',
    tags: ['@asvs-6.5.1'],
    what: 'keeps an SMS code valid after it was used',
    edits: [
      {
        anchor:
          "if (sha256(code) !== sent.codeHash) return 'wrong';\n    tfa.store.sms.clearSms(account, purpose);",
        replacement: "if (sha256(code) !== sent.codeHash) return 'wrong';",
      },
    ],
  },
  {
    id: 'sms-code-never-expires',
    tags: ['@asvs-6.5.5'],
    what: 'accepts an SMS code however old it is',
    edits: [{ anchor: 'if (sent.expiresAt <= accountNow(account)) {', replacement: 'if (false) {' }],
  },
  {
    id: 'links-never-expire',
    tags: ['@asvs-6.4.1'],
    what: 'accepts activation and reset links however old they are',
    edits: [{ anchor: 'if (accountNow(account) >= row.expires_at)', replacement: 'if (false)' }],
  },
  {
    id: 'links-reusable',
    tags: ['@wstg-athn-09'],
    what: 'lets an activation or reset link be used again',
    edits: [
      {
        anchor:
          "if (row.used_at !== null) return { ok: false, reason: 'used', account, clientId: row.client_id };",
        replacement: '',
      },
      {
        anchor: "'UPDATE tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL'",
        replacement: "'UPDATE tokens SET used_at = ? WHERE hash = ?'",
      },
    ],
  },
  {
    id: 'password-lockout-off',
    tags: ['@nist-3.2.2'],
    what: 'never locks an account, however many wrong passwords are entered',
    edits: [{ anchor: 'if (count >= LOCK_AFTER_FAILURES) {', replacement: 'if (false) {' }],
  },
  {
    id: 'password-truncated',
    tags: ['@asvs-6.2.8'],
    what: 'hashes only the first 72 characters of a password',
    edits: [
      {
        anchor: "scrypt(password.normalize('NFKC'), salt",
        replacement: "scrypt(password.normalize('NFKC').slice(0, 72), salt",
      },
    ],
  },
  {
    id: 'short-passwords',
    tags: ['@asvs-6.2.1'],
    what: 'accepts passwords of 6 characters',
    edits: [
      {
        anchor: "{ id: 'length', pattern: '^[\\\\s\\\\S]{8,}$' }",
        replacement: "{ id: 'length', pattern: '^[\\\\s\\\\S]{6,}$' }",
      },
    ],
  },
  {
    id: 'common-passwords-allowed',
    tags: ['@asvs-6.2.4'],
    what: 'accepts passwords from the breached-password list',
    edits: [
      {
        anchor: "if (problems.length === 0 && isCommonPassword(password)) problems.push('common');",
        replacement: '',
      },
    ],
  },
  {
    id: 'reset-enumerates-accounts',
    tags: ['@asvs-6.3.8'],
    what: 'tells at "Forgot password" that no account has the address',
    edits: [
      {
        anchor: '// The same answer whether or not the account exists.',
        replacement:
          "if (!account) return renderForgot(ctx, services, { ...view, email, error: 'No account uses this email address.', status: 404 });",
      },
    ],
  },
  {
    id: 'remembered-device-survives-password-change',
    tags: ['@nist-5.1'],
    what: 'keeps remembered devices after the password changed',
    edits: [{ anchor: '&& r.password_mark === passwordMark(account)', replacement: '' }],
  },
  {
    id: 'remembered-device-forever',
    tags: ['@nist-5.1'],
    what: 'remembers a device for ever',
    edits: [{ anchor: 'r.expires_at > now && ', replacement: '' }],
  },
  {
    id: 'sign-out-keeps-session',
    tags: ['@asvs-7.4.1'],
    what: "signing out clears the app's cookie but keeps its session on the server",
    edits: [
      {
        anchor: "if (id) sql(services.db, 'DELETE FROM app_sessions WHERE id_hash = ?').run(hashToken(id));",
        replacement: '',
      },
    ],
  },
  {
    id: 'cookies-readable-by-scripts',
    tags: ['@asvs-3.3.4'],
    what: 'sets its cookies without HttpOnly',
    edits: [
      {
        anchor: "httpOnly: true,\n    sameSite: 'lax' as const,",
        replacement: "httpOnly: false,\n    sameSite: 'lax' as const,",
      },
    ],
  },
  {
    id: 'no-notice-when-factor-added',
    tags: ['@asvs-6.3.7'],
    what: 'sends no notice mail when two-step verification is set up',
    edits: [
      {
        anchor: "if (!wasOn) await sendEnabledMail(tfa.services, account, 'enabled');",
        replacement: '',
      },
    ],
  },
  {
    id: 'no-notice-after-reset',
    tags: ['@asvs-6.3.7'],
    what: 'sends no notice mail when the password is reset',
    edits: [{ anchor: 'await sendChangedMail(ctx, services, spent.account);', replacement: '' }],
  },
  {
    id: 'one-time-link-skips-two-step',
    tags: ['@asvs-6.3.6'],
    what: 'signs in with a one-time (or activation) link as if it were a passkey: no second step asked',
    edits: [
      {
        anchor: "state.email = used.account.email;\n  state.amr.push('pwd');",
        replacement: "state.email = used.account.email;\n  state.amr.push('pwd', 'hwk');",
      },
    ],
  },
  {
    id: 'eid-removed-without-password',
    tags: ['@asvs-7.5.1'],
    what: 'removes the BankID link at "Yes", without asking for the password again',
    edits: [
      {
        anchor: 'passwordDialog(ctx, room.services.kit, who.t, step);',
        replacement:
          "void step;\n  setLink(room.services, who.account.id, null);\n  home(ctx, room.services.kit, 'removed');",
      },
    ],
  },
  {
    id: 'eid-removal-any-password',
    tags: ['@asvs-7.5.1'],
    what: 'asks for the password before removing the BankID link, but takes any',
    edits: [
      {
        anchor: 'if (!(await verifyPassword(password, account.passwordHash))) {',
        replacement: 'if (!(await verifyPassword(password, account.passwordHash)) && password === "") {',
      },
    ],
  },
  {
    id: 'sms-resend-resets-throttle',
    tags: ['@nist-3.2.2'],
    what: 'forgets the wrong SMS codes (and the lock) whenever a new code is sent',
    edits: [
      {
        anchor:
          "await sendSmsCode(tfa, flow.account, 'signin', phone, langFor(ctx, flow.account).lang);\n  go(ctx, flow, 'v/sms');",
        replacement:
          "tfa.store.failures.succeed(flow.account, 'sms');\n  await sendSmsCode(tfa, flow.account, 'signin', phone, langFor(ctx, flow.account).lang);\n  go(ctx, flow, 'v/sms');",
      },
    ],
  },
  {
    id: 'tfa-setup-without-password',
    tags: ['@asvs-7.5.1'],
    what: 'starts the two-step set-up from Account Settings without asking for the password again',
    edits: [
      {
        anchor: '    reauth(ctx, account, token);\n  });',
        replacement:
          "    const { start } = accountOf(token);\n    const id = tfa.store.flows.newFlow(account, start.purpose, {}, FLOW_TTL_MS);\n    ctx.cookies.set(FLOW_COOKIE, id, cookieOptions(services.kit, FLOW_TTL_MS));\n    seeOther(ctx, `/account/tfa/${id}/${start.purpose === 'enable' ? 'intro' : 'passkey'}`);\n  });",
      },
    ],
  },
  {
    id: 'tfa-setup-any-password',
    tags: ['@asvs-7.5.1'],
    what: 'asks for the password before the two-step set-up, but takes any',
    edits: [{ anchor: 'if (!ok || !account.passwordHash) {', replacement: 'if (!account.passwordHash) {' }],
  },
];
