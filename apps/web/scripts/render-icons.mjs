// `node apps/web/scripts/render-icons.mjs`: renders the installable app's PNG icons
// (public/icons) from the favicon's drawing with Chromium, the one rasterizer the project has
// (CHROMIUM_PATH, like the browser tests). Run it after changing the logo; commit the PNGs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const BLUE = '#3b5bdb';
// The favicon's card, on a 32×32 grid.
const CARD =
  '<rect x="6" y="9" width="20" height="14" rx="2.5" fill="none" stroke="#fff" stroke-width="2"/>' +
  '<path d="M6 14h20" stroke="#fff" stroke-width="2"/>';

const ICONS = [
  // "any": the favicon as it is, rounded corners and all.
  {
    file: 'icon-192.png',
    size: 192,
    svg: `<rect width="32" height="32" rx="7" fill="${BLUE}"/>${CARD}`,
  },
  {
    file: 'icon-512.png',
    size: 512,
    svg: `<rect width="32" height="32" rx="7" fill="${BLUE}"/>${CARD}`,
  },
  // "maskable": full bleed, the card scaled into the central safe zone (a circle of 80%).
  {
    file: 'icon-maskable-512.png',
    size: 512,
    svg: `<rect width="32" height="32" fill="${BLUE}"/><g transform="translate(16 16) scale(0.7) translate(-16 -16)">${CARD}</g>`,
  },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { file, size, svg } of ICONS) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="${size}" height="${size}" style="display:block">${svg}</svg></body></html>`,
    );
    await page.screenshot({ path: path.join(out, file), omitBackground: true });
    console.log(`wrote ${file} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
