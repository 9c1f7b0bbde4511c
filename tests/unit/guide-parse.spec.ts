// The guide parser against the five real guides (read from ../shared/seeds at run time, never copied
// here), the project's own guides, and broken input.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import {
  bindableSteps,
  GuideError,
  loadGuides,
  parseGuide,
  type Guide,
  type GuideStep,
} from '../../lib/guide/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEEDS = path.resolve(ROOT, '../shared/seeds');
const SEED_REASON = 'the seed guides (../shared/seeds) are not beside this checkout';

function seed(prefix: string): Guide {
  const file = path.join(SEEDS, `${prefix}.txt`);
  return parseGuide(readFileSync(file, 'utf8'), { file: path.basename(file) });
}
const step = (guide: Guide, id: string): GuideStep => {
  const found = guide.steps.find((s) => s.id === id);
  if (!found)
    throw new Error(`${guide.file} has no step ${id}; it has ${guide.steps.map((s) => s.id).join(', ')}`);
  return found;
};
const ui = (s: GuideStep) => s.quotes.filter((q) => q.kind === 'ui').map((q) => q.text);

test.describe('the seed guides', () => {
  test.skip(!existsSync(SEEDS), SEED_REASON);

  test('000 (plain text, no numbers): paragraphs that quote UI words become steps', () => {
    const g = seed('000_bbaa59ee4e242c5a');
    expect(g.stepStyle).toBe('paragraph');
    expect(g.locale).toBe('en');
    expect(g.warnings.join(' ')).toContain('paragraphs');
    const texts = g.steps.flatMap((s) => s.quotes.map((q) => q.text));
    for (const word of ['Activate account', 'Set password', 'Try another way', 'Verify', 'Back to Sign in']) {
      expect(texts).toContain(word);
    }
    const sender = g.steps
      .flatMap((s) => s.quotes)
      .find((q) => q.text === 'do.not.reply@mail.connect.visma.com');
    expect(sender?.kind).toBe('email');
    // Single-quoted labels of the screen description: 'Email address' is UI, and the step is not cut at "it's".
    const signIn = g.steps.find((s) =>
      s.quotes.some((q) => q.text === 'Save my email address for next time'),
    );
    expect(signIn?.quotes.find((q) => q.text === 'Email address')?.style).toBe('single');
    const portal = g.steps
      .flatMap((s) => s.quotes)
      .find((q) => q.text.includes('customer.vismaenterprise.dk'));
    expect(portal?.kind).toBe('url');
    expect(texts).toContain('Get the security code sent as an SMS.....');
  });

  test('001 ("Step N" lines, curly quotes): steps 1–11, apostrophes are not quotes', () => {
    const g = seed('001_42a6e8f5c925763d');
    expect(g.stepStyle).toBe('marker');
    expect(g.steps.map((s) => s.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect(g.intro.quotes.map((q) => q.text)).toEqual(['Remind me later', 'Set up Visma 2FA']);
    expect(ui(step(g, '2'))).toEqual(['My Account']);
    // “Password & 2FA,” — the comma belongs to the sentence.
    expect(ui(step(g, '3'))).toEqual(['Password & 2FA', 'Enable two-step verification.']);
    expect(ui(step(g, '5'))).toEqual(['Add an extra layer of security.', 'Enable']);
    expect(step(g, '6').quotes.map((q) => [q.text, q.style])).toEqual([
      ['I use a different Authenticator app', 'curly-single'],
      ['I’m using a different authenticator app.', 'curly-double'],
      ['Next.', 'curly-double'],
    ]);
    expect(step(g, '9').optional).toBe(true);
    expect(step(g, '9').title).toBe('Step 9 (optional): You can now set up an SMS code as a backup method.');
    expect(step(g, '1').quotes).toEqual([
      expect.objectContaining({ text: 'https://home.visma.com', kind: 'url' }),
    ]);
    // "you’re", "doesn’t", "won’t" appear in steps 2, 8 and 11 and must not open quotes.
    expect(ui(step(g, '8'))).toEqual(['Next']);
    expect(step(g, '11').quotes).toEqual([]);
  });

  test('002 (Norwegian, "Steg N:" and "<u>Steg N</u>:", «…»): steps 1–11 with their guillemet quotes', () => {
    const g = seed('002_7d9d88a5cb5c5d0c');
    expect(g.locale).toBe('nb');
    expect(g.steps.map((s) => s.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect(g.intro.quotes).toEqual([
      expect.objectContaining({ text: 'En intern feil har oppstått', kind: 'ui', style: 'guillemets' }),
    ]);
    expect(step(g, '1').title).toBe('Steg 1: Åpne https://accountsettings.connect.visma.com');
    expect(ui(step(g, '2'))).toEqual(['Neste']);
    expect(ui(step(g, '3'))).toEqual(['Glemt ditt passord?']);
    const four = step(g, '4')
      .quotes.filter((q) => q.style === 'guillemets')
      .map((q) => q.text);
    expect(four).toEqual(['Glemt ditt passord', 'Jeg er ikke en robot', 'Tilbakestill passord']);
    expect(ui(step(g, '5'))).toEqual(['Endre passord']);
    expect(ui(step(g, '9'))).toEqual(['Ja']);
    expect(step(g, '11').quotes.map((q) => q.kind)).toEqual(['ui', 'url']);
    expect(step(g, '8').line).toBe(73);
  });

  test('003 (Markdown numbered list, bullets standing in for steps 5 and 6, links, bold)', () => {
    const g = seed('003_7642134761f21a76');
    expect(g.stepStyle).toBe('list');
    expect(g.steps.map((s) => s.id)).toEqual(Array.from({ length: 17 }, (_, i) => String(i + 1)));
    expect(step(g, '5').title).toBe('Steg 5: Trykk Glemt ditt passord.');
    expect(step(g, '5').quotes.filter((q) => q.kind === 'ui')).toEqual([
      expect.objectContaining({ text: 'Glemt ditt passord', kind: 'ui', style: 'link', href: '#' }),
    ]);
    // The mock-up of the next screen under "## Account Settings" is the guide's picture, not its words.
    expect(step(g, '5').quotes.find((q) => q.text === 'Tilbake til innlogging')?.kind).toBe('picture');
    expect(step(g, '6').quotes.filter((q) => q.kind === 'ui')).toEqual([
      expect.objectContaining({ text: 'Tilbakestill passord', kind: 'ui', style: 'bold' }),
    ]);
    expect(step(g, '2').quotes).toEqual([
      expect.objectContaining({ text: 'accountsettings.connect.visma.com', kind: 'url', style: 'link' }),
    ]);
    // The bold "MERK: …" note in step 3 is emphasis, not a label.
    expect(step(g, '3').quotes).toEqual([]);
    // The "Sign in as" mock-up after step 17 holds example data ("Navn Navnesen"): pictured, not demanded.
    expect(ui(step(g, '17'))).toEqual([]);
    expect(
      step(g, '17')
        .quotes.filter((q) => q.kind === 'picture')
        .map((q) => q.text),
    ).toEqual([
      'Konto hos annen organisasjon',
      'annen@organisasjon.no',
      'Navn Navnesen',
      'epost@eksempel.no',
      'VISMA',
    ]);
    expect(g.links.map((l) => l.href)).toContain('https://sokndal.vuq.visma.com/enterprise');
  });

  test('004 (emoji headings, bullets, a nested numbered list): five steps, "or" makes alternatives', () => {
    const g = seed('004_c631333bda28f8e8');
    expect(g.stepStyle).toBe('marker');
    expect(g.steps.map((s) => s.title)).toEqual([
      'Step 1: The Enrollment Wizard',
      'Step 2: Choose Your Setup Video',
      'Step 3: Link Your Account',
      'Step 4: Add a Backup Phone Number (Optional)',
      'Step 5: Save Your Recovery Code (Critical)',
    ]);
    expect(step(g, '4').optional).toBe(true);
    const three = step(g, '3').quotes;
    expect(three.map((q) => q.text)).toEqual(['Enter code manually', "Can't scan QR code?"]);
    expect(three[0]?.group).toBeDefined();
    expect(three[0]?.group).toBe(three[1]?.group);
    expect(ui(step(g, '5'))).toContain('I have safely copied and stored this code.');
    // "don't" in step 4 is an apostrophe; "💡 Troubleshooting" ends step 5, so its quotes are in no step.
    expect(step(g, '4').quotes).toEqual([]);
    const all = g.steps.flatMap((s) => s.quotes.map((q) => q.text));
    expect(all).not.toContain('Allow Notifications');
    expect(step(g, '5').text).not.toContain('Troubleshooting');
  });
});

test('plain text keeps a pipe and a tilde as characters; a bare address or web address is still a link', () => {
  const text = [
    'Step 1: Fill in the form.',
    'Name | Value',
    '--- | ---',
    'Press "Next" | then ~~wait~~ for the mail from do.not.reply@example.com.',
    '',
    'Step 2: Open www.example.com and press "Done".',
  ].join('\n');
  const [one, two] = parseGuide(text, { file: 'plain.txt', format: 'text' }).steps;
  // As Markdown those lines would be a table (the quote lost inside a cell) and a struck-out word.
  expect(one?.text).toContain('Name | Value');
  expect(one?.text).toContain('~~wait~~');
  expect(one?.quotes.map((q) => [q.kind, q.text])).toEqual([
    ['ui', 'Next'],
    ['email', 'do.not.reply@example.com'],
  ]);
  expect(two?.quotes.map((q) => [q.kind, q.text])).toEqual([
    ['url', 'www.example.com'],
    ['ui', 'Done'],
  ]);
  // The addresses are found after parsing, in text that has no source position of its own: each still
  // carries the line it is on.
  expect(one?.quotes.map((q) => q.line)).toEqual([4, 4]);
  expect(two?.quotes.map((q) => q.line)).toEqual([6, 6]);
});

test('a quote named as done in an earlier step is kind "earlier", not demanded again on this step', () => {
  const en = parseGuide(
    [
      'Step 1: Press "Enable".',
      '',
      'Step 2: After selecting “Enable,” the sign-in screen comes back. Press "Next" after selecting a country.',
    ].join('\n'),
    { file: 'earlier.txt', format: 'text', locale: 'en' },
  );
  expect(en.steps[1]?.quotes.map((q) => [q.text, q.kind])).toEqual([
    ['Enable', 'earlier'],
    // The cue after a quote must start the clause after it: "Next" is pressed in this step.
    ['Next', 'ui'],
  ]);
  const nb = parseGuide(
    'Steg 1: Trykk «Neste».\n\nSteg 2: Når du trykker «Neste» i forrige steg, får du opp «Angi passord».\n',
    { file: 'tidligere.txt', format: 'text', locale: 'nb' },
  );
  expect(nb.steps[1]?.quotes.map((q) => [q.text, q.kind])).toEqual([
    ['Neste', 'earlier'],
    ['Angi passord', 'ui'],
  ]);
});

test('the real articles name two buttons as done in an earlier step, and nothing else', () => {
  test.skip(!existsSync(SEEDS), SEED_REASON);
  const earlier = [
    '001_42a6e8f5c925763d',
    '002_7d9d88a5cb5c5d0c',
    '000_bbaa59ee4e242c5a',
    '003_7642134761f21a76',
    '004_c631333bda28f8e8',
  ]
    .map(seed)
    .flatMap((g) =>
      g.steps.flatMap((s) => s.quotes.filter((q) => q.kind === 'earlier').map((q) => `${s.id}: ${q.text}`)),
    );
  // 001 step 4 "After selecting “Enable two-step verification,” …"; 002 step 4 "Når du trykker «Glemt ditt
  // passord» i forrige steg …".
  expect(earlier).toEqual(['4: Enable two-step verification', '4: Glemt ditt passord']);
});

test("the paragraph a sentence announces as the window that follows is a mock-up: its words are the picture's", () => {
  const g = parseGuide(
    [
      'Steg 1: Du får opp følgende vindu, med din egen epostadresse.',
      '',
      // Not a run of short labels: a sentence and a long line sit between them.
      'Account Settings',
      'Angi din e-postadresse og klikk på knappen under for å motta en epost.',
      'E-postadresse\tola@eksempel.no',
      'Jeg er ikke en robot reCAPTCHA Personvern - Vilkår for bruk',
      '',
      'Trykk på «Tilbakestill passord».',
      '',
      'Steg 2: Du får opp følgende vindu.',
      '',
      'Trykk på «Neste».',
    ].join('\n'),
    { file: 'vindu.txt', format: 'text', locale: 'nb' },
  );
  expect(g.steps[0]?.quotes.map((q) => [q.text, q.kind])).toEqual([
    ['ola@eksempel.no', 'picture'],
    ['Tilbakestill passord', 'ui'],
  ]);
  // A one-line instruction after the announcement is not the mock-up.
  expect(g.steps[1]?.quotes.map((q) => [q.text, q.kind])).toEqual([['Neste', 'ui']]);
});

test.describe('the project guides', () => {
  const guides = loadGuides();
  const byId = (id: string) => {
    const g = [...guides.values()].find((x) => x.id === id);
    if (!g) throw new Error(`no project guide ${id}`);
    return g;
  };

  test('all five are found, by id and locale, with front matter', () => {
    expect([...guides.keys()].sort()).toEqual([
      'en/enable-2fa-later',
      'en/enrolment-wizard',
      'en/portal-first-login',
      'nb/bankid-other-organisation',
      'nb/wrong-email-bankid',
    ]);
    for (const g of guides.values()) {
      expect(g.hasFrontMatter, g.file).toBe(true);
      expect(g.warnings, g.file).toEqual([]);
    }
    expect(byId('portal-first-login').start).toBe('portal');
    expect(byId('enable-2fa-later').start).toBe('home');
    expect(byId('wrong-email-bankid').start).toBe('accountsettings');
  });

  test('portal-first-login: the activation mail step quotes the sender and the button', () => {
    const g = byId('portal-first-login');
    expect(g.steps.map((s) => s.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(step(g, '1').quotes.map((q) => [q.text, q.kind])).toEqual([
      ['do.not.reply@mail.connect.visma.com', 'email'],
      ['Activate account', 'ui'],
    ]);
    expect(ui(step(g, '2'))).toEqual(['New password', 'Confirm password', 'Set password']);
    expect(
      step(g, '3')
        .quotes.filter((q) => q.kind === 'app-name')
        .map((q) => q.text),
    ).toEqual(['Google Authenticator', 'Microsoft Authenticator']);
    expect(step(g, '5').quotes[0]).toMatchObject({
      text: 'I have safely copied and stored this code.',
      style: 'bold',
    });
  });

  test('wrong-email-bankid: the introduction’s error message is bindable as step "intro"', () => {
    const g = byId('wrong-email-bankid');
    const [intro, first] = bindableSteps(g);
    expect(intro).toMatchObject({
      id: 'intro',
      title: 'Innledning: Ser du meldingen «En intern feil har oppstått» når du logger på med BankID?',
    });
    expect(intro?.quotes.map((q) => q.text)).toEqual(['En intern feil har oppstått']);
    expect(first?.id).toBe('1');
    // A guide whose introduction quotes nothing has only its own steps.
    expect(bindableSteps(byId('bankid-other-organisation'))[0]?.id).toBe('1');
  });

  test('wrong-email-bankid: step 8 is titled as the guide writes it', () => {
    const g = byId('wrong-email-bankid');
    expect(g.steps).toHaveLength(11);
    expect(step(g, '8').title).toBe('Steg 8: Trykk på søppelbøtten ved BankID');
    expect(ui(step(g, '10'))).toEqual(['Angi ditt passord', 'Fortsett']);
  });

  test('bankid-other-organisation: 17 numbered steps with «…» quotes', () => {
    const g = byId('bankid-other-organisation');
    expect(g.steps).toHaveLength(17);
    expect(ui(step(g, '14'))).toEqual(['Koble konto og fortsett']);
    expect(step(g, '5').quotes[0]).toMatchObject({ text: 'Glemt ditt passord?', style: 'link' });
  });

  test('enrolment-wizard: emoji headings give the step titles', () => {
    const g = byId('enrolment-wizard');
    expect(step(g, '3').title).toBe('Step 3: Link your account');
    expect(step(g, '4').optional).toBe(true);
    expect(step(g, '2').quotes.find((q) => q.text === 'Visma Authenticator')?.kind).toBe('app-name');
  });
});

test.describe('broken guides get a message naming file and line', () => {
  const fail = (source: string): GuideError => {
    try {
      parseGuide(source, { file: 'guides/en/broken.md' });
    } catch (error) {
      if (error instanceof GuideError) return error;
      throw error;
    }
    throw new Error('expected a GuideError');
  };

  test('no recognisable steps', () => {
    const e = fail('# A title\n\nJust some prose without any steps or quoted words.\n');
    expect(e.file).toBe('guides/en/broken.md');
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/^guides\/en\/broken\.md:1: no recognisable steps/);
  });

  test('front matter that is never closed', () => {
    const e = fail('---\nid: broken\ntitle: Broken\n\nStep 1: Press "Next".\n');
    expect(e.message).toBe(
      'guides/en/broken.md:1: front matter opened with "---" on line 1 is never closed by a "---" line',
    );
  });

  test('a front matter line that is not key: value, and a bad start app', () => {
    expect(fail('---\nid: broken\nthis is not a key\n---\nStep 1: Press "Next".\n').message).toMatch(
      /^guides\/en\/broken\.md:3: front matter line is not "key: value"/,
    );
    expect(fail('---\nid: x\nstart: intranet\n---\nStep 1: Press "Next".\n').message).toMatch(
      /^guides\/en\/broken\.md:3: front matter "start: intranet" must be one of connect, accountsettings/,
    );
  });

  test('an unclosed quote is a finding at the line it opens on; the rest of the guide is read', () => {
    const g = parseGuide('Step 1: Open the app.\n\nStep 2: Press «Neste and wait.\nThen press "Back".\n', {
      file: 'guides/en/broken.md',
    });
    expect(g.findings).toEqual([
      expect.objectContaining({
        file: 'guides/en/broken.md',
        line: 3,
        message: expect.stringContaining('unclosed quote: « has no matching »'),
      }),
    ]);
    expect(g.steps.map((s) => s.id)).toEqual(['1', '2']);
    expect(ui(step(g, '2'))).toEqual(['Back']);
    expect(parseGuide('Step 1: Press “Next.\n\nStep 2: Done.').findings[0]?.line).toBe(1);
  });

  test('a step number used twice is a finding; the second one is read under its own id', () => {
    const g = parseGuide('Step 1: Press "Next".\n\nStep 2: Press "Back".\n\nStep 1: Press "Done".\n');
    expect(g.findings[0]).toMatchObject({ line: 5 });
    expect(g.findings[0]?.message).toContain('step 1 appears twice (lines 1 and 5)');
    expect(g.steps.map((s) => s.id)).toEqual(['1', '2', '1~2']);
    expect(ui(step(g, '1~2'))).toEqual(['Done']);
  });

  test('quotes that wrap onto the next line are one quote; apostrophes never open one', () => {
    const g = parseGuide(
      "Step 1: Press “Get the security\ncode sent as an SMS” if you don't have the app.\n",
    );
    expect(g.steps[0]?.quotes).toEqual([
      expect.objectContaining({ text: 'Get the security code sent as an SMS', line: 1 }),
    ]);
    const single = parseGuide("Step 1: Choose 'Enable' — it's the writer's choice.\n");
    expect(single.steps[0]?.quotes.map((q) => q.text)).toEqual(['Enable']);
  });
});
