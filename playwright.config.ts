import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { parse } from 'yaml';

/**
 * Browser tests against the real app: the built frontend served by the real
 * backend, with the sample catalog and an in-memory database, on a port of
 * their own (app-config.e2e.yaml), so the dev app on :7007 can keep running.
 * Chromium is the system one, /usr/bin/chromium by default (CHROMIUM_PATH
 * overrides it); Playwright never downloads a browser.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const baseURL: string = parse(
  fs.readFileSync(path.join(__dirname, 'app-config.e2e.yaml'), 'utf8'),
).backend.baseUrl;

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-artifacts/report' }],
  ],
  webServer: {
    // The browser tests' own backend entry (packages/backend/src/e2e.ts): the
    // app's backend plus the clock they set, which production never has.
    command:
      'yarn workspace backend start:e2e --config ../../app-config.yaml --config ../../app-config.e2e.yaml',
    url: `${baseURL}/api/change-management/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--headless=new',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  outputDir: 'e2e-artifacts/results',
});
