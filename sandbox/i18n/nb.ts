// Norsk bokmål. Words the guides (002, 003) and the reference sheet quote are used as they are.
import type { MessageKey } from './en.ts';

export const nb: Record<MessageKey, string> = {
  'lang.name': 'Norsk',
  'lang.switch': 'Språk',
  'common.or': 'ELLER',
  'common.back': 'Tilbake',

  'signin.title': 'Logg inn',
  'signin.email': 'E-postadresse',
  'signin.next': 'Neste',
  'signin.remember': 'Lagre min e-postadresse til neste gang',
  'signin.rememberHint': 'Ikke anbefalt på offentlig eller delt datamaskin',
  'signin.securityKey': 'Logg inn med sikkerhetsnøkkel eller biometri',
  'signin.securityKeyUnavailable':
    'Innlogging med sikkerhetsnøkkel eller biometri er ikke tilgjengelig i denne sandkassen ennå. Bruk e-postadressen din.',
  'signin.with': 'Logg på med {provider}',
  'signin.providerUnavailable':
    'Innlogging med {provider} er ikke tilgjengelig her: ingen {provider}-tjeneste er satt opp i denne sandkassen. Bruk e-postadressen din i stedet.',
  'signin.password': 'Passord',
  'signin.submit': 'Logg inn',
  'signin.forgot': 'Glemt ditt passord?',
  'signin.changeEmail': 'Tilbake, bruk en annen e-postadresse',
  'signin.wrong': 'E-postadressen eller passordet er feil.',
  'signin.locked':
    'Kontoen din er låst etter for mange mislykkede innloggingsforsøk. Prøv igjen om {minutes} minutter, eller tilbakestill passordet ditt.',
  'signin.emailInvalid': 'Skriv inn en gyldig e-postadresse, for eksempel navn@eksempel.no.',
  'signin.passwordMissing': 'Skriv inn passordet ditt.',
  'signin.expired': 'Denne innloggingen er utløpt eller allerede fullført. Start på nytt fra appen.',
  'signin.stepOrder':
    'Dette steget i innloggingen er ikke åpent ennå: fullfør stegene før det først. Start på nytt fra appen.',
  'signin.unknownProvider': 'Dette innloggingsvalget finnes ikke her.',
  'signin.startAgain': 'Start på nytt',

  'setpw.title': 'Angi passord',
  'setpw.prompt': 'Vennligst angi ditt nye passord',
  'setpw.new': 'Nytt passord',
  'setpw.confirm': 'Bekreft passord',
  'setpw.submit': 'Angi passord',
  'setpw.passkey': 'Logg inn med passnøkkel',
  'setpw.passkeyUnavailable':
    'Passnøkler er ikke tilgjengelige i denne sandkassen ennå. Angi et passord i stedet.',
  'setpw.backToSignIn': 'Tilbake til innlogging',
  'rules.heading': 'Passordet må ha:',
  'rule.length': 'Minimum 8 tegn',
  'rule.upper': 'Minimum 1 store tegn',
  'rule.lower': 'Minimum 1 små tegn',
  'rule.digit': 'Minimum 1 numeriske tegn',
  'rule.special': 'Minimum 1 spesialtegn',
  'rule.met': 'oppfylt',
  'rule.unmet': 'ikke oppfylt',
  'pwerr.length': 'Passordet er for kort: bruk minst 8 tegn.',
  'pwerr.upper': 'Passordet må ha minst 1 stor bokstav.',
  'pwerr.lower': 'Passordet må ha minst 1 liten bokstav.',
  'pwerr.digit': 'Passordet må ha minst 1 siffer.',
  'pwerr.special': 'Passordet må ha minst 1 spesialtegn, for eksempel ! # eller &.',
  'pwerr.common':
    'Dette passordet er for vanlig: det finnes i lister over passord som er lekket i datainnbrudd. Velg et annet.',
  'pwerr.reused': 'Du har brukt dette passordet før. Velg et som ikke er blant dine 5 siste passord.',
  'pwerr.mismatch': 'De to passordene er ikke like.',
  'pwerr.tooLong': 'Passordet er for langt: bruk høyst 128 tegn.',

  'reset.title': 'Endre passord',
  'reset.heading': 'Angi ditt nye passord',
  'reset.submit': 'Endre passord',
  'reset.done': 'Passordet ditt er endret',
  'reset.doneText': 'Du kan nå logge inn med det nye passordet ditt.',
  'reset.goToSignIn': 'Gå til innlogging',

  'invalid.title': 'Ugyldig verifiseringslenke',
  'invalid.text': 'Denne lenken er utløpt eller allerede brukt.',
  'invalid.request': 'Klikk her for å be om en ny gyldig lenke',

  'forgot.title': 'Glemt passord',
  'forgot.intro': 'Angi din e-postadresse og klikk på ønsket knapp under for å motta en epost med ditt valg.',
  'forgot.robot': 'Jeg er ikke en robot',
  'forgot.robotChecked': 'Bekreftet',
  'forgot.robotMissing': 'Bekreft først at du ikke er en robot.',
  'forgot.reset': 'Tilbakestill passord',
  'forgot.resetText': 'Motta en epost for å tilbakestille ditt passord.',
  'forgot.link': 'Engangs innloggingslenke',
  'forgot.linkText': 'Motta en epost med en innloggingslenke.',
  'forgot.chooseAction': 'Velg «Tilbakestill passord» eller «Engangs innloggingslenke».',
  'forgot.back': 'Tilbake til innlogging',
  'forgot.sent': 'Sjekk e-posten din',
  'forgot.sentText':
    'Hvis {email} hører til en konto, er en epost med ditt valg på vei. Lenken i den kan brukes én gang.',

  'onetime.title': 'Engangs innloggingslenke',

  'mail.hello': 'Hei {name},',
  'mail.ignore': 'Hvis du ikke ba om dette, kan du se bort fra denne eposten.',
  'mail.activation.subject': 'Velkommen til {app}',
  'mail.activation.text':
    'Det er opprettet en konto til deg i {app}. Aktiver den og velg passord med knappen under. Lenken er gyldig i 24 timer og kan brukes én gang.',
  'mail.activation.button': 'Aktiver konto',
  'mail.reset.subject': 'Forespørsel om å endre passord',
  'mail.reset.text':
    'Vi har fått en forespørsel om å endre passordet til kontoen din. Velg et nytt passord med knappen under. Lenken er gyldig i 24 timer og kan brukes én gang.',
  'mail.reset.button': 'Angi nytt passord',
  'mail.onetime.subject': 'Engangs innloggingslenke',
  'mail.onetime.text':
    'Bruk knappen under for å logge inn én gang uten passord. Passordet ditt forblir som det er. Lenken er gyldig i 1 time.',
  'mail.onetime.button': 'Logg inn',
  'mail.changed.subject': 'Passordet ditt er endret',
  'mail.changed.text':
    'Passordet til kontoen din ble endret {date} UTC. Hvis det ikke var deg, må du tilbakestille passordet med en gang.',

  'app.signedInAs': 'Logget inn som',
  'app.email': 'E-post',
  'app.signOut': 'Logg ut',
  'app.signIn': 'Logg inn',
  'app.signedOut': 'Du er logget ut.',
  'app.signingOut': 'Logger deg ut …',
  'app.callbackFailed': 'Innloggingen kunne ikke fullføres: {reason}',

  'error.title': 'Noe gikk galt',
  'error.internal': 'En intern feil har oppstått',
  'error.csrf':
    'Skjemaet er utløpt eller kom ikke fra denne siden (manglende eller ugyldig sikkerhetsnøkkel). Last inn siden på nytt og prøv igjen.',
  'error.tooLarge': 'Skjemaet er for stort: et felt er lengre enn tillatt (høyst {limit} byte totalt).',
  'error.contentType': 'Skjemaet må sendes som application/x-www-form-urlencoded.',
  'error.stepOrder': 'Dette steget er ikke åpent ennå: fullfør stegene før det først.',
  'error.notFound': 'Siden finnes ikke',
  'error.fieldTooLong': 'Feltet «{field}» er for langt.',
};
