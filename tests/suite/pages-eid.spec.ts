// The eID page objects on set-content pages: the trash can is the one in «Elektronisk ID», «Ja» is the
// one in the removal dialog, "Sign in as" picks the account by its address, and a renamed button is
// reported with the names on screen.
import { expect, test } from '@playwright/test';
import { EidSection, EidSignInPage, ElementNotFoundError } from '../../pages/index.ts';

const settings = (dialog = '') => `<main>
  <section aria-labelledby="a"><h2 id="a">Konto</h2><form><button type="button" aria-label="Fjern"
    onclick="document.title='wrong'">x</button></form></section>
  <section aria-labelledby="e"><h2 id="e">Elektronisk ID</h2>
    <p>BankID er koblet til din Vismakonto. Du kan logge på Vismas tjenester med BankID.</p>
    <button type="button" aria-label="Fjern" onclick="document.title='trash'">🗑</button></section>
  <button type="button" onclick="document.title='outside'">Ja</button>
  ${dialog}</main>`;

test('the trash can is the one in «Elektronisk ID»', async ({ page }) => {
  await page.setContent(settings());
  const eid = new EidSection(page, 'nb', { timeoutMs: 2_000 });
  await expect(eid.linkedText).toBeVisible();
  await eid.removeButton.click();
  await expect(page).toHaveTitle('trash');
});

test('«Ja» is pressed in the removal dialog, not elsewhere', async ({ page }) => {
  await page.setContent(
    settings(`<dialog open aria-labelledby="d"><h1 id="d">Fjern elektronisk ID</h1>
      <button type="button" onclick="document.title='yes'">Ja</button><button>Nei</button></dialog>`),
  );
  await new EidSection(page, 'nb', { timeoutMs: 2_000 }).confirmRemove();
  await expect(page).toHaveTitle('yes');
});

test('"Sign in as" picks the account by its address; a renamed link button lists what is there', async ({
  page,
}) => {
  await page.setContent(`<h1>Sign in as</h1>
    <button onclick="document.title='other'"><strong>Kari Askøy</strong><small>kari@askoy.test</small></button>
    <button onclick="document.title='work'"><strong>Kari Sokndal</strong><small>kari@sokndal.test</small></button>
    <button>Koble til konto</button>`);
  const signIn = new EidSignInPage(page, 'nb', { timeoutMs: 300 });
  await expect(signIn.choices).toHaveCount(2);
  await signIn.chooseAccount('kari@sokndal.test');
  await expect(page).toHaveTitle('work');
  const error = await signIn.linkAccount().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ElementNotFoundError);
  expect((error as Error).message).toMatch(
    /^no button «Koble konto og fortsett»; buttons on screen: «Koble til konto»/,
  );
});
