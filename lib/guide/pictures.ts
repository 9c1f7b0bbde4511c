// A guide step's picture for the report: the page the person looked at last, attached to the test.
import type { Locator, Page, TestInfo } from '@playwright/test';
import { devtools } from '../devtools.ts';

/**
 * Takes the picture of `page` and attaches it as `name`; returns the name, or undefined when there is no
 * page to show (blank) or the picture failed. `mask` blacks out elements on that page.
 */
export async function attachStepPicture(
  testInfo: TestInfo,
  page: Page | undefined,
  name: string,
  mask: Locator[] = [],
): Promise<string | undefined> {
  if (!page || page.isClosed() || page.url() === 'about:blank') return undefined;
  try {
    const masks = mask.filter((l) => l.page() === page);
    const body =
      masks.length > 0 ? await page.screenshot({ timeout: 5_000, mask: masks }) : await capture(page);
    await testInfo.attach(name, { body, contentType: 'image/png' });
    return name;
  } catch {
    return undefined;
  }
}

/**
 * The viewport as PNG straight from Chromium's DevTools protocol: page.screenshot is traced as a test action
 * (DOM snapshots before and after), which made the picture cost more than all the checking. Other browsers,
 * or a failure here, fall back to page.screenshot.
 */
async function capture(page: Page): Promise<Buffer> {
  try {
    const { data } = (await (
      await devtools(page)
    ).send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true })) as { data: string };
    return Buffer.from(data, 'base64');
  } catch {
    return page.screenshot({ timeout: 5_000 });
  }
}
