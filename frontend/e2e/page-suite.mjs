// What every browser test file does around its tests: start the demo and Chromium before them,
// stop both after them (pass or fail), put the line back between them, and keep a screenshot of
// the page when a test fails. The tests of a file run in order on one demo and one page.
//
// `demo`, `browser` and `page` are live bindings, set by the `before` that pageTests() registers.
// node --test runs each test file in its own process, so each file has its own. (Not named
// *-test.mjs: node --test would take it for a test file.)
import { after, afterEach, before, test } from "node:test";
import { Demo, openBrowser, outputPath } from "./harness.mjs";

export const STEP = { timeout: 60_000 };

export let demo;
export let browser;
export let page;

/**
 * Register the file's before/after hooks; its pageTest(name, fn, options = STEP).
 *
 * - `failed(n)`: the file name of the screenshot kept when test n (from 1) fails
 * - `viewport`: the browser's (default: openBrowser's)
 * - `prepare()`: after the demo started, before the browser (a demo reused through E2E_HA_URL
 *   may have been played with)
 * - `afterEachTest()`: after every test, even a failed one, so that it leaves nothing behind
 */
export function pageTests({ failed, viewport, prepare, afterEachTest }) {
  before(async () => {
    demo = await Demo.start();
    await prepare();
    browser = await openBrowser({ viewport });
    page = browser.page;
  }, { timeout: 200_000 });

  after(async () => {
    // Even when a test failed: nothing of the demo or the browser is left running.
    await browser?.close();
    await demo?.stop();
  }, { timeout: 90_000 });

  if (afterEachTest) afterEach(async () => demo && (await afterEachTest()), { timeout: 20_000 });

  let tests = 0;
  return function pageTest(name, fn, options = STEP) {
    const n = ++tests;
    test(name, options, async (t) => {
      try {
        await fn(t);
      } catch (error) {
        await page?.screenshot({ path: outputPath(failed(n)), fullPage: true }).catch(() => {});
        throw error;
      }
    });
  };
}
