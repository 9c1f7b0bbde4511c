// English words of every sandbox screen and mail. UI strings follow the login service's own words where
// the guides and the reference sheet quote them; the rest is the project's own wording.
export const en = {
  'lang.name': 'English',
  'lang.switch': 'Language',
  'common.or': 'OR',
  'common.back': 'Back',

  'signin.title': 'Sign in',
  'signin.email': 'Email address',
  'signin.next': 'Next',
  'signin.remember': 'Save my email address for next time',
  'signin.rememberHint': 'Not recommended for public or shared computers',
  'signin.securityKey': 'Sign in with security key or biometrics',
  'signin.securityKeyUnavailable':
    'Signing in with a security key or biometrics is not available in this sandbox yet. Use your email address.',
  'signin.with': 'Sign in with {provider}',
  'signin.providerUnavailable':
    'Sign in with {provider} is not available here: no {provider} provider is set up in this sandbox. Use your email address instead.',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.forgot': 'Forgot your password?',
  'signin.changeEmail': 'Back, use another email address',
  'signin.wrong': 'The email address or password is incorrect.',
  'signin.locked':
    'Your account is locked after too many failed sign-in attempts. Try again in {minutes} minutes, or reset your password.',
  'signin.emailInvalid': 'Enter a valid email address, such as name@example.com.',
  'signin.passwordMissing': 'Enter your password.',
  'signin.expired': 'This sign-in has expired or was already completed. Start again from the app.',
  'signin.stepOrder':
    'This step of the sign-in is not open yet: finish the steps before it first. Start again from the app.',
  'signin.unknownProvider': 'This sign-in option is not offered here.',
  'signin.startAgain': 'Start again',

  'setpw.title': 'Set password',
  'setpw.prompt': 'Please, enter your new password',
  'setpw.new': 'New password',
  'setpw.confirm': 'Confirm password',
  'setpw.submit': 'Set password',
  'setpw.passkey': 'Sign in with passkey',
  'setpw.passkeyUnavailable': 'Passkeys are not available in this sandbox yet. Set a password instead.',
  'setpw.backToSignIn': 'Back to Sign in',
  'rules.heading': 'The password must have:',
  'rule.length': 'Minimum 8 characters',
  'rule.upper': 'Minimum 1 uppercase character',
  'rule.lower': 'Minimum 1 lowercase character',
  'rule.digit': 'Minimum 1 numeric character',
  'rule.special': 'Minimum 1 special character',
  'rule.met': 'met',
  'rule.unmet': 'not met',
  'pwerr.length': 'The password is too short: use at least 8 characters.',
  'pwerr.upper': 'The password needs at least 1 uppercase letter.',
  'pwerr.lower': 'The password needs at least 1 lowercase letter.',
  'pwerr.digit': 'The password needs at least 1 digit.',
  'pwerr.special': 'The password needs at least 1 special character, such as ! # or &.',
  'pwerr.common':
    'This password is too common: it appears in lists of passwords exposed in data breaches. Choose another one.',
  'pwerr.reused': 'You have used this password before. Choose one that is not among your last 5 passwords.',
  'pwerr.mismatch': 'The two passwords do not match.',
  'pwerr.tooLong': 'The password is too long: use at most 128 characters.',

  'reset.title': 'Change password',
  'reset.heading': 'Enter your new password',
  'reset.submit': 'Change password',
  'reset.done': 'Your password has been changed',
  'reset.doneText': 'You can now sign in with your new password.',
  'reset.goToSignIn': 'Go to sign in',

  'invalid.title': 'Invalid verification link',
  'invalid.text': 'This link has expired or has already been used.',
  'invalid.request': 'Click here to request a new valid link',

  'forgot.title': 'Forgot password',
  'forgot.intro':
    'Enter your email address and click one of the buttons below to receive an email with your choice.',
  'forgot.robot': "I'm not a robot",
  'forgot.robotChecked': 'Verified',
  'forgot.robotMissing': 'Confirm that you are not a robot first.',
  'forgot.reset': 'Reset password',
  'forgot.resetText': 'Receive an email to reset your password.',
  'forgot.link': 'One-time sign in link',
  'forgot.linkText': 'Receive an email with a sign in link.',
  'forgot.chooseAction': 'Choose "Reset password" or "One-time sign in link".',
  'forgot.back': 'Back to sign in',
  'forgot.sent': 'Check your email',
  'forgot.sentText':
    'If {email} belongs to an account, an email with your choice is on its way. The link in it can be used once.',

  'onetime.title': 'One-time sign in link',

  'mail.hello': 'Hello {name},',
  'mail.ignore': 'If you did not ask for this, you can ignore this email.',
  'mail.activation.subject': 'Welcome to {app}',
  'mail.activation.text':
    'An account has been created for you in {app}. Activate it and choose your password with the button below. The link is valid for 24 hours and can be used once.',
  'mail.activation.button': 'Activate account',
  'mail.reset.subject': 'Change password request',
  'mail.reset.text':
    'We received a request to change the password of your account. Choose a new password with the button below. The link is valid for 24 hours and can be used once.',
  'mail.reset.button': 'Set new password',
  'mail.onetime.subject': 'One-time sign in link',
  'mail.onetime.text':
    'Use the button below to sign in once without your password. Your password stays as it is. The link is valid for 1 hour.',
  'mail.onetime.button': 'Sign in',
  'mail.changed.subject': 'Your password has been changed',
  'mail.changed.text':
    'The password of your account was changed on {date} UTC. If this was not you, reset your password at once.',

  'app.signedInAs': 'Signed in as',
  'app.email': 'Email',
  'app.signOut': 'Sign out',
  'app.signIn': 'Sign in',
  'app.signedOut': 'You are signed out.',
  'app.signingOut': 'Signing you out…',
  'app.callbackFailed': 'Sign-in could not be completed: {reason}',

  'error.title': 'Something went wrong',
  'error.internal': 'An internal error has occurred',
  'error.csrf':
    'This form has expired or did not come from this page (missing or invalid security token). Reload the page and try again.',
  'error.tooLarge': 'The form is too large: a field is longer than allowed (at most {limit} bytes in all).',
  'error.contentType': 'The form must be sent as application/x-www-form-urlencoded.',
  'error.stepOrder': 'This step is not open yet: finish the steps before it first.',
  'error.notFound': 'Page not found',
  'error.fieldTooLong': 'The field "{field}" is too long.',
} as const;

export type MessageKey = keyof typeof en;
