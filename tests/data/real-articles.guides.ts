// Test data: the five real help articles, read as they are (plain-text exports beside this checkout, in
// ../shared/seeds; nothing of them is copied here), each bound to the guide spec that walks the flow it
// describes. `npm run guides -- --manifest tests/data/real-articles.guides.ts` walks them against the
// target; tests/regression/real-articles.spec.ts does so in CI.
import { defineGuides } from '../../guides.config.ts';

const SEEDS = '../../../shared/seeds';

export default defineGuides([
  {
    // Customer Portal, first login: no step numbers, so each spec step is anchored on words of its paragraph.
    id: 'portal-first-login',
    locale: 'en',
    source: `${SEEDS}/000_bbaa59ee4e242c5a.txt`,
    start: 'portal',
    onDrift: 'report',
    bind: {
      '1': [{ text: 'You have received an email from' }, { text: 'you should press the green button' }],
      '2': { text: 'After you have entered your personal password in both fields' },
      '3': { text: 'you should scan the QR code displayed on your computer screen' },
      '4': { text: 'enter your mobile number in the window' },
      '5': { text: 'take a backup of the following' },
      '6': { text: 'You should use the link' },
      '7': { text: 'you are asked to enter your personal password' },
      '8': [
        { text: 'you can press "Try another way"' },
        { text: 'you can choose to receive the code via SMS' },
      ],
      '9': { text: 'Enter the 6-digit SMS code' },
    },
    uncovered: {
      '4': 'the article repeats the invitation mail for new accounts; spec step 1 walks it for both kinds',
      '5': 'the article repeats the activation button for new accounts; spec step 1 walks it for both kinds',
      '6': 'the article repeats "Set password" for new accounts; spec step 2 walks it for both kinds',
    },
  },
  {
    // Turning two-step verification on later (from Visma Home): the article's own step numbers.
    id: 'enable-2fa-later',
    locale: 'en',
    source: `${SEEDS}/001_42a6e8f5c925763d.txt`,
    start: 'home',
    onDrift: 'report',
    notUi: {
      'Enter manually': "a button of the phone's authenticator app, not of the service",
    },
  },
  {
    // BankID linked to the wrong e-mail address: "Steg N" markers, its introduction quotes the error.
    id: 'wrong-email-bankid',
    locale: 'nb',
    source: `${SEEDS}/002_7d9d88a5cb5c5d0c.txt`,
    start: 'accountsettings',
    onDrift: 'report',
    notUi: {
      'Første gangs pålogging – se video':
        "a video on the employer's own web site, not a page of the service",
    },
  },
  {
    // BankID registered with another organisation: a numbered list, bullets standing in for steps 5 and 6.
    id: 'bankid-other-organisation',
    locale: 'nb',
    source: `${SEEDS}/003_7642134761f21a76.txt`,
    start: 'accountsettings',
    onDrift: 'report',
  },
  {
    // The enrolment wizard: emoji headings; its troubleshooting section is about the phone.
    id: 'enrolment-wizard',
    locale: 'en',
    source: `${SEEDS}/004_c631333bda28f8e8.txt`,
    start: 'portal',
    onDrift: 'report',
    notUi: {
      Push: 'names the kind of notification, not a label on a screen',
      'Master Key.': 'a figure of speech for the recovery code',
    },
    uncovered: {
      troubleshooting:
        "its quoted words are the phone's settings and dialogs; the spec's clock-skew test checks the advice without a guide step",
    },
  },
]);
