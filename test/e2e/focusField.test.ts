/**
 * focusField (renderer/src/lib/focus.ts) in a real browser, on a bare page: a dialog's "put the caret in the first
 * field" must never pull the caret back once the clerk has moved on. The drawer's afterOpenChange can arrive in the
 * middle of a Tab, while the browser has taken focus off one field and not yet given it to the next (the active
 * element is then the page body); focusing the first field there sent 李秀英's phone number into 姓名.
 */
import fs from 'node:fs';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';

const PAGE = `<div class="ant-drawer"><input id="name"><input id="idNumber"><input id="phone"></div>`;

describe('focusField in the browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The module as the browser runs it (its imports are types only, which transpiling drops).
    const source = fs.readFileSync('renderer/src/lib/focus.ts', 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setContent(PAGE);
    await page.addScriptTag({ type: 'module', content: `${js}\nwindow.focusField = focusField;` });
    await page.waitForFunction(() => 'focusField' in window);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Calls focusField for 姓名 now, or from the next focusout of 身份证号 (inside a Tab's focus change). */
  const focusName = (when: 'now' | 'onFocusout') =>
    page.evaluate((w) => {
      const win = window as unknown as { focusField: (ref: unknown) => void; called?: boolean };
      const name = document.getElementById('name') as HTMLInputElement;
      const ref = { current: { input: name, focus: () => name.focus() } };
      const call = () => {
        win.called = true;
        win.focusField(ref);
      };
      win.called = false;
      if (w === 'now') call();
      else document.getElementById('idNumber')!.addEventListener('focusout', call, { once: true });
    }, when);
  /** A few frames: focusField retries on them. */
  const frames = () =>
    page.evaluate(
      () =>
        new Promise<boolean>((r) =>
          requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => r((window as unknown as { called: boolean }).called)))),
        ),
    );
  const active = () => page.evaluate(() => document.activeElement?.id ?? '');

  it('puts the caret in the field when nothing has it', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await focusName('now');
    expect(await frames()).toBe(true);
    expect(await active()).toBe('name');
  });

  it('leaves the caret where the clerk typed', async () => {
    await page.focus('#phone');
    await focusName('now');
    expect(await frames()).toBe(true);
    expect(await active()).toBe('phone');
  });

  it('does not take the caret back when it arrives in the middle of a Tab', async () => {
    await page.focus('#idNumber');
    await focusName('onFocusout');
    await page.keyboard.press('Tab');
    expect(await frames()).toBe(true);
    expect(await active()).toBe('phone');
  });
});
