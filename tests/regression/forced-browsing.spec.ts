// Release gate, WSTG-ATHN-11: no request skips a factor. The flows after the password (the sign-in's
// code, the set-up wizard a portal account must go through, recovery with the emergency code) are walked
// once for real while the browser's form posts are recorded; then, standing at an earlier step (after the
// email only, after the password with two-step verification on, after the password with set-up pending),
// the person's browser sends each recorded later step as a forged POST, with and without the page's CSRF
// token. After every one the person must not be signed in to the portal, and at the end the portal must
// still ask them to sign in. What the service answers (status, page) is its own business.
import type { Page } from '@playwright/test';
import { expect, test, type Person } from '../../fixtures/index.ts';
import type { PageObjects } from '../../pages/index.ts';
import { breach, describeScreen } from './support/claim.ts';
import { enrolInPortal, signInAgain, signInWithPassword, signOutOfPortal } from './support/flows.ts';
import { forgePost, rebase, StepRecorder, type StepRequest } from './support/forge.ts';

// Each check walks several screens (often the whole set-up first): more than the default minute on a busy machine.
test.slow();

const REQ = 'WSTG-ATHN-11, ASVS 6.3.4, ASVS 6.4.3';

interface Recorded extends StepRequest {
  /** The path of the page the recording of this step's flow started on. */
  flow: string;
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

test(
  'no forged request to a later step of sign-in, set-up or recovery signs the person in',
  { tag: ['@wstg-athn-11', '@asvs-6.3.4', '@asvs-6.4.3'] },
  async ({ page, users, authenticator, screens, config }) => {
    test.setTimeout(240_000);
    const s = screens;
    const recorder = new StepRecorder(page, new URL(config.urls.connect).origin);
    const recorded: Recorded[] = [];
    const keep = (flow: string) => {
      recorder.stop();
      for (const step of recorder.steps) recorded.push({ ...step, flow });
    };

    // 1. The walks to record: set-up, a sign-in with the app's code, a recovery with the emergency code.
    const person = await users.create({ app: 'portal', changesAccount: true });
    let setUp = '';
    const { app, emergencyCode } = await enrolInPortal(s, authenticator, person, {
      afterPassword: () => {
        setUp = pathOf(page);
        recorder.start();
      },
    });
    keep(setUp);
    await signInAgain(s, person);
    await expect(s.twoStepChallenge.heading).toBeVisible();
    let challenge = pathOf(page);
    recorder.start();
    await s.twoStepChallenge.enterCode(app.fresh().code);
    await expect(s.portal.signedInName(person.name)).toBeVisible();
    keep(challenge);
    await signInAgain(s, person);
    await expect(s.twoStepChallenge.heading).toBeVisible();
    challenge = pathOf(page);
    recorder.start();
    await s.twoStepChallenge.tryAnotherWay();
    await s.tryAnotherWay.useEmergencyCode();
    await s.emergencySignIn.enterCode(emergencyCode);
    await s.emergencySignIn.stillHaveApp();
    await s.emergencyCode.readCode();
    await s.emergencyCode.saveAndContinue();
    await s.emergencyCode.done();
    await expect(s.portal.signedInName(person.name)).toBeVisible();
    keep(challenge);
    expect(recorded.length, 'the walks sent form posts after the password step').toBeGreaterThan(3);
    await signOutOfPortal(s);

    // 2. Forge every recorded step from each earlier stage.
    const fresh = await users.create({ app: 'portal', changesAccount: true });
    const stages: Array<{ name: string; who: Person; reach: () => Promise<void> }> = [
      {
        name: 'the email step only (no password)',
        who: person,
        reach: async () => {
          await s.portal.open();
          await s.signInEmail.fillEmail(person.email);
          await s.signInEmail.next();
          await expect(s.signInPassword.passwordField).toBeVisible();
        },
      },
      {
        name: 'the password, with two-step verification on (no code)',
        who: person,
        reach: async () => {
          await s.portal.open();
          await signInWithPassword(s, person);
          await expect(s.twoStepChallenge.heading).toBeVisible();
        },
      },
      {
        name: 'the password, with set-up of two-step verification pending (nothing set up)',
        who: fresh,
        reach: async () => {
          await s.portal.open();
          await signInWithPassword(s, fresh);
          await expect(s.twoStepPrompt.heading).toBeVisible();
        },
      },
    ];
    const breaches: string[] = [];
    for (const stage of stages) {
      await stage.reach();
      let at = page.url();
      for (const step of recorded) {
        for (const withToken of [true, false]) {
          const path = rebase(step.path, step.flow, new URL(at).pathname);
          await forgePost(page, path, step.fields, withToken);
          if (await s.portal.signedInAs.isVisible()) {
            breaches.push(
              breach(
                {
                  req: REQ,
                  did: `after ${stage.name}, sent a forged POST to ${step.path.replace(/[A-Za-z0-9_-]{16,}/g, '<flow>')} ${withToken ? 'with' : 'without'} the page's CSRF token`,
                  expected: 'the person not signed in to the portal',
                },
                `signed ${stage.who === person ? 'the enrolled person' : 'the new person'} in (${await describeScreen(page)})`,
              ),
            );
            await signOutOfPortal(s);
            await stage.reach();
            at = page.url();
          } else {
            await page.goto(at);
          }
        }
      }
      await stillAskedToSignIn(s, stage.name, breaches);
    }
    const distinct = [...new Set(breaches)];
    expect(distinct, `forged requests that skipped a factor:\n${distinct.join('\n')}`).toHaveLength(0);
  },
);

/** Opening the portal afresh must ask for a sign-in (or its next factor), not show the person signed in. */
async function stillAskedToSignIn(s: PageObjects, stage: string, breaches: string[]) {
  await s.portal.open();
  const asked = s.signInEmail.emailField
    .or(s.signInPassword.passwordField)
    .or(s.twoStepChallenge.heading)
    .or(s.twoStepPrompt.heading);
  await expect(asked.or(s.portal.signedInAs).first()).toBeVisible();
  if (await s.portal.signedInAs.isVisible())
    breaches.push(
      breach(
        {
          req: REQ,
          did: `after ${stage} and the forged posts, opened the portal`,
          expected: 'a sign-in asked for',
        },
        `showed the person signed in (${await describeScreen(s.portal.page)})`,
      ),
    );
  if (await s.portal.signedInAs.isVisible()) await s.portal.signOut();
}
