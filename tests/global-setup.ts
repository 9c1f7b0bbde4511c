// Runs once before the tests: names the browser the run uses, so a report always says what was driven.
import { chromium, type FullConfig } from '@playwright/test';

export default async function globalSetup(config: FullConfig): Promise<void> {
  const launchOptions = config.projects[0]?.use.launchOptions ?? {};
  const browser = await chromium.launch(launchOptions);
  const where = launchOptions.executablePath ?? "Playwright's own build";
  console.log(`guidewright: browser ${browser.browserType().name()} ${browser.version()} (${where})`);
  await browser.close();
}
