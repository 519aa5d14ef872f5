// What a person does to sign in, shared by the UI tests: the palette, the service, the password box.
import assert from 'node:assert/strict';
import { runCommand } from './workbench.mjs';

/** Set API Token... → pick the service → type the token in the password box → Enter. */
export async function setTokenThroughPalette(page, service, token) {
  await runCommand(page, 'Account Glance: Set API Token...');
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: service }).first().waitFor({ state: 'visible' });
  await page.keyboard.type(service);
  await page.keyboard.press('Enter');
  await page
    .locator('.quick-input-widget')
    .filter({ hasText: `${service} API Token` })
    .waitFor({ state: 'visible' });
  assert.equal(await page.locator('.quick-input-widget input').getAttribute('type'), 'password', 'the token box hides what is typed');
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
}

/** The Accounts rows on screen in one read (the tree re-renders while refreshing, so row-by-row reads race). */
export async function treeText(page) {
  const rows = await page.locator('.part.sidebar [role="treeitem"]').allInnerTexts();
  return rows.map((text) => text.replace(/\s+/g, ' ').trim()).join('\n');
}
