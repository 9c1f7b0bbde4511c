// Runs once before the tests: names the browser the run uses, so a report always says what was driven.
// With a browser server elsewhere (connectOptions / PW_TEST_CONNECT_WS_ENDPOINT) it asks that server.
import { chromium, type FullConfig } from '@playwright/test';

export default async function globalSetup(config: FullConfig): Promise<void> {
  const use = config.projects[0]?.use ?? {};
  const launchOptions = use.launchOptions ?? {};
  const remote = use.connectOptions;
  const browser = remote
    ? await chromium
        .connect(remote.wsEndpoint, {
          ...remote,
          headers: { 'x-playwright-launch-options': JSON.stringify(launchOptions), ...remote.headers },
        })
        .catch((error: Error) => {
          throw new Error(
            `guidewright: the browser server at ${remote.wsEndpoint} gave no browser. It needs one of its own ` +
              '(npx playwright install chromium where it runs), or --unsafe and CHROMIUM_PATH naming the ' +
              `browser on its machine.\n${error.message}`,
          );
        })
    : await chromium.launch(launchOptions);
  const where = remote
    ? `served by ${remote.wsEndpoint}`
    : (launchOptions.executablePath ?? "Playwright's own build");
  console.log(`guidewright: browser ${browser.browserType().name()} ${browser.version()} (${where})`);
  await browser.close();
}
