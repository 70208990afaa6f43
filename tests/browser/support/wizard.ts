/** The employer's 签约 wizard, operated as a person does: its Steps bar (签约步骤) and its buttons. */
import type { Page } from 'playwright-core';

/** 保存并进入下一条, then wait for the next step's heading. */
export async function saveAndNext(page: Page, nextHeading: string): Promise<void> {
  await page.getByRole('button', { name: '保存并进入下一条' }).click();
  await page.getByRole('heading', { name: nextHeading, exact: true }).waitFor();
}

/** A step of the Steps bar, clicked as a person does; the step on screen is saved first. */
export async function openStep(page: Page, title: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: '签约步骤' }).getByText(title, { exact: true }).click();
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
}
