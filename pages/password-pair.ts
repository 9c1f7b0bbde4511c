// The screens where a person chooses a password by typing it twice: activation's "Set password" and the
// reset mail's "Enter your new password". Each keeps its own word list and its own name for the action;
// the fields, the refusal messages and the typing are the same on both.
import type { Locator } from '@playwright/test';
import { Screen } from './screen.ts';

/** The keys both word lists have. */
type PairKey = 'heading' | 'newPassword' | 'confirmPassword' | 'submit';

export abstract class PasswordPairScreen<K extends string> extends Screen<K | PairKey> {
  get heading(): Locator {
    return this.get('heading', 'heading');
  }
  get newPasswordField(): Locator {
    return this.get('textbox', 'newPassword');
  }
  get confirmPasswordField(): Locator {
    return this.get('textbox', 'confirmPassword');
  }
  get submitButton(): Locator {
    return this.get('button', 'submit');
  }
  /** The policy messages shown when a password is refused. */
  get problems(): Locator {
    return this.page.getByRole('alert');
  }

  async fillNewPassword(password: string): Promise<void> {
    await this.typeSecret('newPassword', password);
  }
  async fillConfirmPassword(password: string): Promise<void> {
    await this.typeSecret('confirmPassword', password);
  }
  async submit(): Promise<void> {
    await this.press('submit');
  }
  /** Types the password in both fields and presses the screen's button. */
  protected async choose(password: string): Promise<void> {
    await this.fillNewPassword(password);
    await this.fillConfirmPassword(password);
    await this.submit();
  }
}
