// Words of electronic ID (ID-porten/BankID simulator, linking in Account Settings, "Sign in as", tenant
// errors). Keys start with `eid.`; nb must have every en key. Words guides 002 and 003 quote (Account
// Settings' sections, «Koble konto og fortsett», «Angi ditt passord», "Sign in as", ...) are used as quoted.
export const eidEn = {
  // The simulated ID-porten (eid.<domain>).
  'eid.idporten': 'ID-porten',
  'eid.choose.heading': 'Choose your electronic ID',
  'eid.choose.intro': 'Sign in to {client} with electronic ID.',
  'eid.method.bankid': 'BankID',
  'eid.method.bankidHint': 'With code device or BankID app',
  'eid.method.bankid-mobile': 'BankID on mobile',
  'eid.method.bankid-mobileHint': 'With your mobile phone number and date of birth',
  'eid.cancel': 'Cancel',
  'eid.bankid.test':
    'Test BankID: enter the national identity number (11 digits) of a test person. No code or password is needed here.',
  'eid.bankid.label': 'National identity number',
  'eid.bankid.hint': '11 digits',
  'eid.bankid.submit': 'Sign in',
  'eid.nid.empty': 'Enter your national identity number (11 digits).',
  'eid.nid.digits': 'The national identity number may only contain digits (0–9).',
  'eid.nid.length': 'The national identity number must be 11 digits; you entered {count}.',
  'eid.nid.checksum':
    'This is not a valid national identity number: the check digits do not match. Check the number and try again.',
  'eid.nid.date': 'This is not a valid national identity number: it does not contain a real date of birth.',
  'eid.home.text':
    'A simulated ID-porten with test BankID. Services send you here to prove who you are with electronic ID.',

  // connect: the answer from ID-porten, "Sign in as", no linked account, linking at sign-in.
  'eid.failed.title': 'Sign-in with ID-porten failed',
  'eid.failed.text': 'Sign-in with ID-porten could not be completed: {reason}',
  'eid.reason.noFlow':
    'no ID-porten sign-in was started in this browser, it took longer than 15 minutes, or its answer was already used',
  'eid.reason.rejected': 'the answer from ID-porten was refused ({detail})',
  'eid.reason.cancelled': 'the sign-in was cancelled at ID-porten',
  'eid.reason.account': 'the sign-in was started for another account',
  'eid.startAgain': 'Start again',
  'eid.chooser.heading': 'Sign in as',
  'eid.chooser.intro': 'Your BankID is linked to more than one account. Choose the account to sign in with.',
  'eid.chooser.notLinked':
    'That account is not linked to your electronic ID. Choose one of the accounts below.',
  'eid.none.heading': 'Your BankID is not linked to a Visma account',
  'eid.none.text':
    'You signed in with BankID, but it is not linked to any Visma account yet. Sign in once with your email address and password, and you can link BankID to that account.',
  'eid.none.signIn': 'Sign in with email to link',
  'eid.link.heading': 'Link BankID to your account',
  'eid.link.text':
    'Link BankID ({name}) to the Visma account {email}? Afterwards you can sign in to Visma services with BankID.',
  'eid.link.replaces': 'This replaces the electronic ID that is linked to this account now.',
  'eid.link.confirm': 'Link account and continue',
  'eid.link.skip': 'Continue without linking',
  'eid.link.cancel': 'Cancel',
  'eid.link.gone': 'This linking has expired or was already done. Start again with "Add electronic ID".',

  // Account Settings: the account section.
  'eid.account.heading': 'Account',
  'eid.account.email': 'Email',
  'eid.account.fullName': 'Full name',
  'eid.account.country': 'Country',
  'eid.account.language': 'Language',
  'eid.account.mobile': 'Mobile',
  'eid.account.addPhone': 'Add phone number',
  'eid.account.edit': 'Edit',
  'eid.account.none': 'Not set',
  'eid.language.en': 'English',
  'eid.language.nb': 'Norwegian',
  'eid.edit.heading': 'Edit account',
  'eid.edit.givenName': 'First name',
  'eid.edit.familyName': 'Last name',
  'eid.edit.country': 'Country',
  'eid.edit.language': 'Language',
  'eid.edit.phone': 'Mobile (with country code, such as +4791234567)',
  'eid.edit.save': 'Save',
  'eid.edit.cancel': 'Cancel',
  'eid.edit.saved': 'Your account has been updated.',
  'eid.edit.nameMissing': 'Enter a first name.',
  'eid.edit.phoneInvalid': 'Enter the mobile number with its country code, such as +4791234567.',
  'eid.edit.languageInvalid': 'Choose English or Norwegian.',

  // Account Settings: the electronic ID section.
  'eid.section.heading': 'Electronic ID',
  'eid.section.bankid': 'BankID',
  'eid.section.explain':
    'Add electronic ID to your account to sign in to applications that require strong authentication and verification of your identity.',
  'eid.section.add': 'Add electronic ID',
  'eid.status.provider': 'BankID Norge',
  'eid.status.text': 'BankID is linked to your Visma account. You can sign in to Visma services with BankID.',
  'eid.status.activated': 'Activated {date} UTC',
  'eid.status.linkedNow': 'BankID is now linked to your account.',
  'eid.status.removed': 'The electronic ID has been removed from your account.',
  'eid.remove': 'Remove',
  'eid.remove.heading': 'Remove electronic ID',
  'eid.remove.question':
    'Do you want to remove the national identity number from your account? You can then no longer sign in to this account with BankID.',
  'eid.remove.yes': 'Yes',
  'eid.remove.no': 'No',
  'eid.password.heading': 'Enter your password',
  'eid.password.text': 'Enter your current password to continue.',
  'eid.password.label': 'Password',
  'eid.password.continue': 'Continue',
  'eid.password.cancel': 'Cancel',
  'eid.password.wrong': 'The password is incorrect. The electronic ID is still linked.',
  'eid.password.missing': 'Enter your password.',
  'eid.password.none':
    'This account has no password yet. Set one with "Forgot your password?" on the sign-in page first.',
  'eid.password.locked':
    'Too many wrong passwords. Your account is locked for {minutes} minutes; the electronic ID is still linked.',
  'eid.notLinked': 'No electronic ID is linked to this account.',

  // Tenant apps.
  'eid.tenant.signedInAs': 'You are signed in as {email}.',
} as const;

export const eidNb: Record<keyof typeof eidEn, string> = {
  'eid.idporten': 'ID-porten',
  'eid.choose.heading': 'Velg elektronisk ID',
  'eid.choose.intro': 'Logg inn på {client} med elektronisk ID.',
  'eid.method.bankid': 'BankID',
  'eid.method.bankidHint': 'Med kodebrikke eller BankID-app',
  'eid.method.bankid-mobile': 'BankID på mobil',
  'eid.method.bankid-mobileHint': 'Med mobilnummer og fødselsdato',
  'eid.cancel': 'Avbryt',
  'eid.bankid.test':
    'Test-BankID: skriv inn fødselsnummeret (11 siffer) til en testperson. Her trengs verken kode eller passord.',
  'eid.bankid.label': 'Fødselsnummer',
  'eid.bankid.hint': '11 siffer',
  'eid.bankid.submit': 'Logg inn',
  'eid.nid.empty': 'Skriv inn fødselsnummeret ditt (11 siffer).',
  'eid.nid.digits': 'Fødselsnummeret kan bare inneholde siffer (0–9).',
  'eid.nid.length': 'Fødselsnummeret må ha 11 siffer; du skrev {count}.',
  'eid.nid.checksum':
    'Dette er ikke et gyldig fødselsnummer: kontrollsifrene stemmer ikke. Sjekk nummeret og prøv igjen.',
  'eid.nid.date': 'Dette er ikke et gyldig fødselsnummer: det inneholder ingen ekte fødselsdato.',
  'eid.home.text':
    'En simulert ID-porten med test-BankID. Tjenester sender deg hit for å bekrefte hvem du er med elektronisk ID.',

  'eid.failed.title': 'Innlogging med ID-porten mislyktes',
  'eid.failed.text': 'Innloggingen med ID-porten kunne ikke fullføres: {reason}',
  'eid.reason.noFlow':
    'ingen innlogging med ID-porten ble startet i denne nettleseren, den tok mer enn 15 minutter, eller svaret er allerede brukt',
  'eid.reason.rejected': 'svaret fra ID-porten ble avvist ({detail})',
  'eid.reason.cancelled': 'innloggingen ble avbrutt i ID-porten',
  'eid.reason.account': 'innloggingen ble startet for en annen konto',
  'eid.startAgain': 'Start på nytt',
  // Guide 003 shows the chooser's heading in English on an otherwise Norwegian page.
  'eid.chooser.heading': 'Sign in as',
  'eid.chooser.intro': 'BankID-en din er koblet til mer enn én konto. Velg kontoen du vil logge inn med.',
  'eid.chooser.notLinked':
    'Den kontoen er ikke koblet til din elektroniske ID. Velg en av kontoene nedenfor.',
  'eid.none.heading': 'BankID-en din er ikke koblet til en Vismakonto',
  'eid.none.text':
    'Du logget inn med BankID, men den er ikke koblet til noen Vismakonto ennå. Logg inn én gang med e-postadresse og passord, så kan du koble BankID til den kontoen.',
  'eid.none.signIn': 'Logg inn med e-post for å koble',
  'eid.link.heading': 'Koble BankID til kontoen din',
  'eid.link.text':
    'Vil du koble BankID ({name}) til Vismakontoen {email}? Etterpå kan du logge på Vismas tjenester med BankID.',
  'eid.link.replaces': 'Dette erstatter den elektroniske ID-en som er koblet til kontoen nå.',
  'eid.link.confirm': 'Koble konto og fortsett',
  'eid.link.skip': 'Fortsett uten å koble',
  'eid.link.cancel': 'Avbryt',
  'eid.link.gone':
    'Denne koblingen er utløpt eller allerede gjort. Start på nytt med «Legg til elektronisk ID».',

  'eid.account.heading': 'Konto',
  'eid.account.email': 'E-post',
  'eid.account.fullName': 'Fullt navn',
  'eid.account.country': 'Land',
  'eid.account.language': 'Språk',
  'eid.account.mobile': 'Mobil',
  'eid.account.addPhone': 'Legg til telefonnummer',
  'eid.account.edit': 'Endre',
  'eid.account.none': 'Ikke angitt',
  'eid.language.en': 'Engelsk',
  'eid.language.nb': 'Norsk',
  'eid.edit.heading': 'Endre konto',
  'eid.edit.givenName': 'Fornavn',
  'eid.edit.familyName': 'Etternavn',
  'eid.edit.country': 'Land',
  'eid.edit.language': 'Språk',
  'eid.edit.phone': 'Mobil (med landskode, for eksempel +4791234567)',
  'eid.edit.save': 'Lagre',
  'eid.edit.cancel': 'Avbryt',
  'eid.edit.saved': 'Kontoen din er oppdatert.',
  'eid.edit.nameMissing': 'Skriv inn et fornavn.',
  'eid.edit.phoneInvalid': 'Skriv inn mobilnummeret med landskode, for eksempel +4791234567.',
  'eid.edit.languageInvalid': 'Velg engelsk eller norsk.',

  'eid.section.heading': 'Elektronisk ID',
  'eid.section.bankid': 'BankID',
  'eid.section.explain':
    'Legg til elektronisk ID til din konto for å kunne logge inn på applikasjoner som krever sterk autentisering og verifisering av din identitet.',
  'eid.section.add': 'Legg til elektronisk ID',
  'eid.status.provider': 'BankID Norge',
  'eid.status.text': 'BankID er koblet til din Vismakonto. Du kan logge på Vismas tjenester med BankID.',
  'eid.status.activated': 'Aktivert {date} UTC',
  'eid.status.linkedNow': 'BankID er nå koblet til kontoen din.',
  'eid.status.removed': 'Den elektroniske ID-en er fjernet fra kontoen din.',
  'eid.remove': 'Fjern',
  'eid.remove.heading': 'Fjern elektronisk ID',
  'eid.remove.question':
    'Vil du fjerne fødselsnummeret fra kontoen din? Da kan du ikke lenger logge på denne kontoen med BankID.',
  'eid.remove.yes': 'Ja',
  'eid.remove.no': 'Nei',
  'eid.password.heading': 'Angi ditt passord',
  'eid.password.text': 'Skriv inn gjeldende passord for å fortsette.',
  'eid.password.label': 'Passord',
  'eid.password.continue': 'Fortsett',
  'eid.password.cancel': 'Avbryt',
  'eid.password.wrong': 'Passordet er feil. Den elektroniske ID-en er fortsatt koblet.',
  'eid.password.missing': 'Skriv inn passordet ditt.',
  'eid.password.none':
    'Denne kontoen har ikke passord ennå. Lag et først med «Glemt ditt passord?» på innloggingssiden.',
  'eid.password.locked':
    'For mange feil passord. Kontoen din er låst i {minutes} minutter; den elektroniske ID-en er fortsatt koblet.',
  'eid.notLinked': 'Ingen elektronisk ID er koblet til denne kontoen.',

  'eid.tenant.signedInAs': 'Du er logget inn som {email}.',
};
