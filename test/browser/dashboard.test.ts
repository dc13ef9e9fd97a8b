import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type ServiceCloud, startServiceCloud } from '../support/service-cloud.js';
import { type Browser, browserTestsRun, launchChromium } from './support/chromium.js';
import {
  DEMO_ORGANISATION,
  DEMO_PASSWORD,
  type DemoFleet,
  STACK_SECRETS,
  sendOsmAnd,
  setUpDemoFleet,
} from './support/demo-fleet.js';
import { eventually, expectStatus } from './support/http.js';
import { buildWebApp } from './support/web-build.js';

/** Screenshots land here (gitignored); CI keeps them as the run's artefacts. */
const SCREENSHOTS = join(REPO_ROOT, 'test-output', 'browser');
const ENV = 'test';
/** Generous: the system reaches these states through the event bus and SQS; the figures are logged. */
const UI_TIMEOUT = 30_000;
/** Each step waits on several such conditions on a loaded machine. */
const STEP_TIMEOUT = 180_000;

const SERVICES = [
  'event-bus',
  'users',
  'clients',
  'devices',
  'vehicles',
  'tracking',
  'items',
  'allocation',
  'realtime',
];

describe.skipIf(!browserTestsRun())('the operations dashboard in headless Chromium', () => {
  let system: ServiceCloud;
  let site: string;
  let gateway: string;
  let fleet: DemoFleet;
  let browser: Browser;
  let page: Page;
  let itemId: string;
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

  beforeAll(async () => {
    site = await buildWebApp();
    await mkdir(SCREENSHOTS, { recursive: true });
    system = await startServiceCloud({
      env: ENV,
      services: Object.fromEntries(
        SERVICES.map((name) => [
          name,
          {
            template: `services/${name}/template.yaml`,
            ...(STACK_SECRETS[name] ? { parameters: STACK_SECRETS[name] } : {}),
          },
        ]),
      ),
      cloud: { webApp: site },
    });
    gateway = system.cloud.gateway?.url ?? '';
    fleet = await setUpDemoFleet(system.cloud, ENV, system.stacks, gateway);
    // Both trackers report before anyone opens the dashboard.
    const [van1, van2] = fleet.vehicles;
    if (!van1 || !van2) throw new Error('the demo fleet has two vehicles');
    await sendOsmAnd(gateway, van1, { lat: 52.52, lon: 13.4 }, new Date(Date.now() - 60_000));
    await sendOsmAnd(gateway, van2, { lat: 52.505, lon: 13.37 }, new Date(Date.now() - 60_000));
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    if (site) await rm(site, { recursive: true, force: true });
  }, STEP_TIMEOUT);

  it(
    'logs in as the demo admin',
    async () => {
      await page.goto(`${gateway}/`);
      await page.getByTestId('login-organisation').fill(DEMO_ORGANISATION);
      await page.getByTestId('login-email').fill(fleet.adminEmail);
      await page.getByTestId('login-password').fill('not the password');
      await page.getByTestId('login-submit').click();
      await expect
        .poll(() => page.getByTestId('login-error').textContent(), { timeout: UI_TIMEOUT })
        .toContain('wrong');
      await shot('01-login');

      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('fleet-map').waitFor();
      expect(await page.getByTestId('current-user').textContent()).toContain(fleet.adminEmail);
      await page.locator('[data-testid="realtime-status"][data-state="connected"]').waitFor();
    },
    STEP_TIMEOUT,
  );

  it(
    'lists the vehicles and draws them on the map where tiles cannot be fetched',
    async () => {
      for (const vehicle of fleet.vehicles) {
        await page.locator(`[data-testid="vehicle-row"][data-vehicle-id="${vehicle.vehicleId}"]`).waitFor();
        const marker = page.locator(`[data-testid="vehicle-marker"][data-vehicle-id="${vehicle.vehicleId}"]`);
        await marker.waitFor();
        expect(await marker.getAttribute('data-availability')).toBe('offline');
      }
      // This machine has no internet: the coordinate grid is what the map shows under the markers.
      expect(await page.locator('.coordinate-grid canvas').count()).toBeGreaterThan(0);
    },
    STEP_TIMEOUT,
  );

  it(
    'moves a vehicle marker when its tracker reports a new position',
    async () => {
      const van1 = fleet.vehicles[0] as DemoFleet['vehicles'][number];
      const marker = page.locator(`[data-testid="vehicle-marker"][data-vehicle-id="${van1.vehicleId}"]`);
      const before = await marker.boundingBox();
      const sentAt = Date.now();
      await sendOsmAnd(gateway, van1, { lat: 52.526, lon: 13.415 });
      await expect.poll(() => marker.getAttribute('data-lat'), { timeout: UI_TIMEOUT }).toBe('52.526');
      console.info(`dashboard: marker moved ${Date.now() - sentAt} ms after the OsmAnd request was sent`);
      const after = await marker.boundingBox();
      expect(after && before && (after.x !== before.x || after.y !== before.y)).toBe(true);
      await page
        .locator('[data-testid="vehicle-row"] [data-testid="vehicle-position"]', { hasText: '52.52600' })
        .waitFor();
      await shot('02-vehicles-moving');
    },
    STEP_TIMEOUT,
  );

  it(
    'shows an item go from created to allocated',
    async () => {
      const now = Date.now();
      const item = await expectStatus<{ id?: string; itemId?: string }>(201, 'POST', `${gateway}/items`, {
        apiKey: fleet.clientKey,
        headers: { 'idempotency-key': `browser-${now}` },
        body: {
          reference: 'ORDER-1001',
          pickup: { lat: 52.523, lon: 13.41, address: 'Alexanderplatz 1, Berlin' },
          dropoff: { lat: 52.5, lon: 13.44, address: 'Warschauer Str. 70, Berlin' },
          window: { from: new Date(now).toISOString(), to: new Date(now + 4 * 3_600_000).toISOString() },
          size: { weightKg: 12 },
        },
      });
      itemId = String(item.id ?? item.itemId);
      const row = page.locator(`[data-testid="item-row"][data-item-id="${itemId}"]`);
      // Nobody is on duty yet, so allocation holds the item: it stays created.
      await expect.poll(() => row.getAttribute('data-status'), { timeout: UI_TIMEOUT }).toBe('created');
      await page.locator(`[data-testid="item-pickup"][data-item-id="${itemId}"]`).waitFor();
      await shot('03-item-created');

      // driver1 goes on duty: the vehicle turns available and is offered the item.
      const van1 = fleet.vehicles[0] as DemoFleet['vehicles'][number];
      await expectStatus(200, 'POST', `${gateway}/vehicles/mine/duty`, {
        token: fleet.driverToken,
        body: { onDuty: true },
      });
      const marker = page.locator(`[data-testid="vehicle-marker"][data-vehicle-id="${van1.vehicleId}"]`);
      await expect
        .poll(() => marker.getAttribute('data-availability'), { timeout: UI_TIMEOUT })
        .not.toBe('offline');
      await page.locator(`[data-testid="offer-line"][data-item-id="${itemId}"]`).waitFor();
      await shot('04-item-offered');

      const offer = await eventually('the offer to driver1', async () => {
        const mine = await expectStatus<{ offers: { offerId: string; itemId: string }[] }>(
          200,
          'GET',
          `${gateway}/allocation/offers/mine`,
          { token: fleet.driverToken },
        );
        return mine.offers.find((candidate) => candidate.itemId === itemId);
      });
      await expectStatus(
        202,
        'POST',
        `${gateway}/allocation/offers/${encodeURIComponent(offer.offerId)}/accept`,
        {
          token: fleet.driverToken,
        },
      );
      await expect.poll(() => row.getAttribute('data-status'), { timeout: UI_TIMEOUT }).toBe('allocated');
      await expect.poll(() => marker.getAttribute('data-availability'), { timeout: UI_TIMEOUT }).toBe('busy');
      await page
        .locator(`[data-testid="offer-line"][data-item-id="${itemId}"]`)
        .waitFor({ state: 'detached' });
      await shot('05-item-allocated');
    },
    STEP_TIMEOUT,
  );

  it(
    "opens an item's timeline and a vehicle's trail",
    async () => {
      await page.locator(`[data-testid="item-row"][data-item-id="${itemId}"]`).click();
      const timeline = page.getByTestId('item-timeline');
      await timeline.waitFor();
      await page.locator('[data-testid="timeline-entry"][data-status="created"]').waitFor();
      await page.locator('[data-testid="timeline-entry"][data-status="allocated"]').waitFor();

      const van1 = fleet.vehicles[0] as DemoFleet['vehicles'][number];
      await page.locator(`[data-testid="vehicle-row"][data-vehicle-id="${van1.vehicleId}"]`).click();
      await page.getByTestId('vehicle-trail').waitFor();
      expect(await page.getByTestId('trail-summary').textContent()).toMatch(/^2 positions/);
      await shot('06-vehicle-trail');
    },
    STEP_TIMEOUT,
  );

  it(
    'opens the operations view with live figures and alarms',
    async () => {
      await page.getByTestId('nav-operations').click();
      await page.getByTestId('operations-view').waitFor();
      await page.locator('[data-testid="ops-updated"][data-state="live"]').waitFor();
      for (const panel of ['ops-concurrency', 'ops-errors', 'ops-queue-ages', 'ops-api', 'ops-invocations']) {
        // A flat line has no height, which Playwright calls hidden: wait for it to be drawn.
        await page.locator(`[data-testid="${panel}"] svg polyline`).first().waitFor({ state: 'attached' });
      }
      expect(await page.getByTestId('alarm-row').count()).toBe(6);
      // The API chart has counted this test's requests.
      expect(
        await page.locator('[data-testid="ops-invocations"] polyline[data-series="items"]').count(),
      ).toBe(1);
      await shot('07-operations');
    },
    STEP_TIMEOUT,
  );

  it(
    'logs out back to the login screen',
    async () => {
      await page.getByTestId('logout').click();
      await page.getByTestId('login-form').waitFor();
      expect(await page.evaluate("sessionStorage.getItem('motorcade.session')")).toBeNull();
    },
    STEP_TIMEOUT,
  );
});
