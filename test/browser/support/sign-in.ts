import type { Page } from 'playwright-core';

/** Signs in through the web app's sign-in page as one of the demo identities, and waits to land. */
export async function signInAs(page: Page, user: string): Promise<void> {
  await page.goto('/sign-in');
  await page.locator(`[data-user-id="${user}"]`).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
