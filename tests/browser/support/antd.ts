/**
 * How a person operates antd's pickers, for the journeys: open by the field's name, type to
 * search, click the option shown. (The options live in a popup outside the form, so they are found
 * by the popup's visible text, not by the field.)
 */
import type { Page } from 'playwright-core';

/** A searchable Select (行业类别, 单位性质 …): type `search`, click the option reading `option`. */
export async function chooseOption(page: Page, label: string, search: string, option: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(search);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
}

/** 单位地区: type a code or name into the Cascader's search, click the path reading `option`. */
export async function chooseRegion(page: Page, label: string, search: string, option: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(search);
  await page.locator('.ant-cascader-dropdown:not(.ant-cascader-dropdown-hidden) .ant-cascader-menu-item', { hasText: option }).first().click();
}

/**
 * Fills a form field found by its accessible name — the label alone, as a screen reader announces
 * it (text inputs, text areas and number inputs alike).
 */
export async function fillField(page: Page, label: string, value: string | number): Promise<void> {
  const name = { name: label, exact: true };
  await page.getByRole('textbox', name).or(page.getByRole('spinbutton', name)).fill(String(value));
}

/** Fills several fields in turn: `{ 联系人: '张老师', 电话: '021-31231230' }`. */
export async function fillFields(page: Page, values: Record<string, string | number>): Promise<void> {
  for (const [label, value] of Object.entries(values)) await fillField(page, label, value);
}
