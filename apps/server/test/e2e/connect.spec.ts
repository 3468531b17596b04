import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTargetSchema } from '@cardcoop/contracts';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
const CALLBACK = 'https://voskhod.example/cardcoop/callback';
const ORIGIN = 'https://voskhod.example';
const IMPORT_MAP_HASH = 'sha256-Eln7MO7yA1TwBvevJ0Q3iLpLpZ4EwSjBaneXTAx06Zo=';

const target = (coopname: string, query: Record<string, string>) =>
  fetch(`${server.url}/api/v1/access/connect/${coopname}?${new URLSearchParams(query)}`);

beforeAll(async () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'cardcoop-web-'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>card.coop</title>');
  writeFileSync(path.join(dist, 'widget.js'), 'window.CardCoop = {};');
  writeFileSync(
    path.join(dist, 'csp-hashes.json'),
    JSON.stringify({ scriptSrc: [IMPORT_MAP_HASH] }),
  );
  server = await startTestApp({ env: { WEB_DIST_DIR: dist } });
  const cooperatives = server.app.get(CooperativesService);
  await cooperatives.create({
    coopname: 'voskhod',
    displayName: 'ПК ВОСХОД',
    redirectUris: [CALLBACK],
    origins: [ORIGIN, 'https://shop.voskhod.example'],
    admission: 'open',
  });
  await cooperatives.create({ coopname: 'sleeping', displayName: 'ПК Спящий', origins: [ORIGIN] });
  await cooperatives.update('sleeping', 1, { status: 'suspended' });
});
afterAll(() => server.close());

describe('checking a connect request before sign-in', () => {
  it('names the cooperative for a registered callback or, in web_message mode, origin', async () => {
    const redirect = await target('voskhod', { redirect_uri: CALLBACK });
    expect(redirect.status).toBe(200);
    expect(connectTargetSchema.parse(await redirect.json())).toMatchObject({
      coopname: 'voskhod',
      display_name: 'ПК ВОСХОД',
      redirect_uri: CALLBACK,
      response_mode: 'query',
      admission: 'open',
    });
    const framed = await target('voskhod', { redirect_uri: ORIGIN, response_mode: 'web_message' });
    expect(framed.status).toBe(200);
  });

  it('refuses a foreign or prefix-sharing callback with a translated UNREGISTERED_CALLBACK', async () => {
    for (const query of [
      { redirect_uri: 'https://evil.example/callback' } as Record<string, string>,
      { redirect_uri: `${CALLBACK}.evil.example` },
      { redirect_uri: `${CALLBACK}?x=1` },
      { redirect_uri: ORIGIN },
      { redirect_uri: 'https://evil.example', response_mode: 'web_message' },
    ]) {
      const response = await target('voskhod', query);
      expect(response.status, JSON.stringify(query)).toBe(422);
      expect((await response.json()).code).toBe('UNREGISTERED_CALLBACK');
    }
    const english = await fetch(
      `${server.url}/api/v1/access/connect/voskhod?redirect_uri=https://evil.example/cb`,
      { headers: { 'accept-language': 'en' } },
    );
    expect((await english.json()).message).toMatch(/not registered/);
  });

  it('answers 404 for unknown or suspended cooperatives and 422 for malformed requests', async () => {
    expect((await target('nosuchcoop', { redirect_uri: CALLBACK })).status).toBe(404);
    expect(
      (await target('sleeping', { redirect_uri: ORIGIN, response_mode: 'web_message' })).status,
    ).toBe(404);
    expect((await target('Bad-Name', { redirect_uri: CALLBACK })).status).toBe(422);
    expect((await target('voskhod', {})).status).toBe(422);
    expect(
      (await target('voskhod', { redirect_uri: CALLBACK, response_mode: 'fragment' })).status,
    ).toBe(422);
  });
});

describe('framing', () => {
  const csp = (response: Response) => response.headers.get('content-security-policy') ?? '';

  it("lets only the cooperative's registered origins frame the embed route", async () => {
    const embed = await fetch(`${server.url}/id/embed?coopname=voskhod`);
    expect(embed.status).toBe(200);
    expect(csp(embed)).toContain(`frame-ancestors ${ORIGIN} https://shop.voskhod.example;`);
    expect(csp(embed)).toContain("require-trusted-types-for 'script'");
    expect(csp(embed)).toContain(`script-src 'self' 'wasm-unsafe-eval' '${IMPORT_MAP_HASH}';`);
    expect(embed.headers.get('x-frame-options')).toBeNull();
  });

  it('keeps the opener of the connect page in popup mode only', async () => {
    const popup = await fetch(
      `${server.url}/id/connect?coopname=voskhod&response_mode=web_message`,
    );
    expect(popup.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    const redirect = await fetch(`${server.url}/id/connect?coopname=voskhod`);
    expect(redirect.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('serves the widget to cooperatives’ pages on other origins, uncached', async () => {
    const widget = await fetch(`${server.url}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(widget.headers.get('cache-control')).toBe('no-cache');
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('refuses framing everywhere else, and for unknown or suspended cooperatives', async () => {
    for (const page of [
      '/id/connect?coopname=voskhod',
      '/id/embed?coopname=nosuchcoop',
      '/id/embed?coopname=sleeping',
      '/id/embed?coopname=Bad;Name',
      '/id/embed',
      '/',
    ]) {
      const response = await fetch(`${server.url}${page}`);
      expect(csp(response), page).toContain("frame-ancestors 'none'");
      // The only inline script allowed is the build's import map (chunk integrity), by hash.
      expect(csp(response), page).toContain(`'${IMPORT_MAP_HASH}'`);
      expect(/script-src [^;]*/.exec(csp(response))?.[0], page).not.toContain('unsafe-inline');
      if (!page.startsWith('/id/embed')) {
        expect(response.headers.get('x-frame-options'), page).toBe('DENY');
      }
    }
  });
});
