// The page objects' failure message on set-content pages: when the element a page object looks for is
// not on the screen, the error lists the names of that kind of element the page does show, closest
// first; and the same inside a guide step names the guide and the step. Secrets typed into fields never
// reach Playwright's step titles.
import { expect, test as base, type Page } from '@playwright/test';
import { test as suiteTest } from '../../fixtures/index.ts';
import {
  act,
  type ActOptions,
  ElementNotFoundError,
  ForgotPasswordPage,
  namesOnScreen,
  notFoundMessage,
  SetPasswordPage,
  SignInEmailPage,
  localeOf,
} from '../../pages/index.ts';

const test = base;

function forgotPage(resetLabel: string): string {
  return `<!doctype html><html lang="nb"><body><main>
    <label for="e">E-postadresse</label><input id="e" type="email">
    <label><input type="checkbox"> Jeg er ikke en robot</label>
    <button type="button">${resetLabel}</button>
    <button type="button">Engangs innloggingslenke</button>
    <a href="/">← Tilbake til innlogging</a>
  </main></body></html>`;
}

/** Puts `html` on the page and clicks the button «Next» through act(); returns what act threw. */
async function clickNextError(page: Page, html: string, options: ActOptions): Promise<Error> {
  await page.setContent(html);
  return (await act(page, { role: 'button', name: 'Next' }, (e, t) => e.click({ timeout: t }), options).catch(
    (e: unknown) => e,
  )) as Error;
}

test.describe('a missing element', () => {
  test('lists the buttons on screen, closest first', async ({ page }) => {
    await page.setContent(forgotPage('Nullstill passord'));
    const forgot = new ForgotPasswordPage(page, 'nb', { timeoutMs: 500 });
    const error = await forgot.resetPassword().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ElementNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain(
      'no button «Tilbakestill passord»; buttons on screen: «Nullstill passord», «Engangs innloggingslenke»',
    );
    expect((error as ElementNotFoundError).shown).toEqual(['Nullstill passord', 'Engangs innloggingslenke']);
  });

  test('the same screen with the right word works', async ({ page }) => {
    await page.setContent(forgotPage('Tilbakestill passord'));
    await page.getByRole('button', { name: 'Tilbakestill passord' }).evaluate((b) => {
      b.addEventListener('click', () => b.insertAdjacentHTML('afterend', '<h1>Sjekk e-posten din</h1>'));
    });
    const forgot = new ForgotPasswordPage(page, 'nb', { timeoutMs: 2_000 });
    await forgot.confirmNotRobot();
    await forgot.resetPassword();
    await expect(forgot.robotCheckbox).toBeChecked();
    await expect(forgot.sentHeading).toBeVisible();
  });

  test('names fields by their labels and links by their names', async ({ page }) => {
    await page.setContent(forgotPage('Tilbakestill passord'));
    const signIn = new SignInEmailPage(page, 'en', { timeoutMs: 300 });
    const error = (await signIn.fillEmail('a@b.test').catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^no field «Email address»; fields on screen: «E-postadresse»/);
    expect(await namesOnScreen(page, 'link')).toEqual(['← Tilbake til innlogging']);
  });

  test('says so when there is no element of that kind at all', async ({ page }) => {
    await page.setContent('<main><p>Nothing to press here</p></main>');
    const error = (await new SetPasswordPage(page, 'en', { timeoutMs: 300 })
      .submit()
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^no button «Set password»; no buttons on screen at all/);
  });

  test('two elements with the same name are reported as such', async ({ page }) => {
    const error = await clickNextError(
      page,
      '<button>Next</button><button>Next</button><button>Back</button>',
      { timeoutMs: 300 },
    );
    expect(error.message).toMatch(/^more than one button «Next»; buttons on screen: «Next», «Back»/);
  });

  test('two elements with the same name are reported as such also when the wait runs out first', async ({
    page,
  }) => {
    // A busy machine: the wait ends before Playwright gets to report the strict-mode violation.
    const error = await clickNextError(
      page,
      '<button>Next</button><button>Next</button><button>Back</button>',
      { timeoutMs: 1 },
    );
    expect(error.message).toMatch(/^more than one button «Next»; buttons on screen: «Next», «Back»/);
  });

  test('an action that waits by itself: two same-named elements are still reported as such', async ({
    page,
  }) => {
    const error = await clickNextError(
      page,
      '<button>Next</button><button>Next</button><button>Back</button>',
      { timeoutMs: 300, actionWaits: true },
    );
    expect(error.message).toMatch(/^more than one button «Next»; buttons on screen: «Next», «Back»/);
  });

  test('an action that waits by itself on a button that is there but disabled keeps its own error', async ({
    page,
  }) => {
    const error = await clickNextError(page, '<button disabled>Next</button>', {
      timeoutMs: 300,
      actionWaits: true,
    });
    expect(error.name).not.toBe('ElementNotFoundError');
    expect(error.message).toMatch(/not enabled/);
  });

  test('the message orders by likeness and cuts long lists', () => {
    const shown = ['Avbryt', 'Hjelp', 'Angi nytt passord', 'Tilbake', 'Logg ut', 'Neste', 'Angi passord'];
    expect(notFoundMessage({ role: 'button', name: 'Angi passord' }, [])).toBe(
      'no button «Angi passord»; no buttons on screen at all',
    );
    const message = notFoundMessage({ role: 'button', name: 'Lagre passord' }, shown);
    // The two likely renames first, then the rest; five names at most.
    expect(message).toMatch(
      /^no button «Lagre passord»; buttons on screen: «Angi passord», «Angi nytt passord», («[^»]+», ){2}«[^»]+» \(and 2 more\)$/,
    );
  });
});

test('page words follow the project language', () => {
  expect(localeOf('nb-NO')).toBe('nb');
  expect(localeOf('no')).toBe('nb');
  expect(localeOf('en-GB')).toBe('en');
  expect(localeOf(undefined)).toBe('en');
  // A language the page words lack is an error naming it, never English in disguise.
  expect(() => localeOf('de-DE')).toThrow(/unknown language "de-DE"; guidewright knows en, nb/);
});

test('a password typed as a secret (not with fill) reaches both fields whole', async ({ page }) => {
  await page.setContent(`<main><h1>Please, enter your new password</h1>
    <label for="n">New password</label><input id="n" type="password">
    <label for="c">Confirm password</label><input id="c" type="password">
    <p id="typed"></p>
    <script>
      for (const input of document.querySelectorAll('input'))
        input.addEventListener('input', () => (document.getElementById('typed').textContent += input.id));
    </script></main>`);
  const secret = 'Gw#Typed-Whole9x';
  const setPassword = new SetPasswordPage(page, 'en');
  await setPassword.fillNewPassword('something else first');
  await setPassword.fillNewPassword(secret);
  await setPassword.fillConfirmPassword(secret);
  await expect(setPassword.newPasswordField).toHaveValue(secret);
  await expect(setPassword.confirmPasswordField).toHaveValue(secret);
  // The page heard the typing (its password checklist listens to input events).
  await expect(page.locator('#typed')).toContainText('n');
  await expect(page.locator('#typed')).toContainText('c');
});

suiteTest.describe('inside a guide step', () => {
  suiteTest.use({ guideId: 'portal-first-login' });

  suiteTest(
    'a renamed button fails the step as a broken flow, naming the guide step and the closest name',
    async ({ page, guide, setPassword }) => {
      await page.route('http://connect.pages-find.test/**', (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<main><h1>Please, enter your new password</h1>
            <label for="n">New password</label><input id="n" type="password">
            <label for="c">Confirm password</label><input id="c" type="password">
            <button type="button">Save password</button><button type="button">Sign in with passkey</button></main>`,
        }),
      );
      await page.goto('http://connect.pages-find.test/account/activate');
      const fast = new SetPasswordPage(page, setPassword.locale, { timeoutMs: 500 });
      const error = (await guide
        .step('2', () => fast.setPassword('Gw#Secret123x'))
        .catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(ElementNotFoundError);
      expect(error.message).toMatch(
        /^guide "portal-first-login", Step 2: Choose your password: no button «Set password»; buttons on screen: «Save password», «Sign in with passkey»/,
      );
      const step = guide.attachment()?.steps.find((s) => s.id === '2');
      expect(step?.status).toBe('broken');
      expect(step?.error).toContain('«Save password»');
    },
  );
});
