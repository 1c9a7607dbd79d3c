// Renders the app icons from static/favicon.svg with Debian's headless Chromium.
// Run once after changing the SVG: node scripts/make-icons.mjs (the PNGs are committed).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const svg = readFileSync('static/favicon.svg', 'utf8');
const work = mkdtempSync(join(tmpdir(), 'icons-'));

function render(name, size, { padding = 0, background = 'transparent', radius = true } = {}) {
	const inner = radius ? svg : svg.replace('rx="96"', 'rx="0"');
	const html = `<html><body style="margin:0;background:${background}">
<div style="width:${size}px;height:${size}px;display:flex;align-items:center;justify-content:center">
<div style="width:${size - 2 * padding}px;height:${size - 2 * padding}px">${inner.replace('<svg ', '<svg width="100%" height="100%" ')}</div></div></body></html>`;
	const page = join(work, `${name}.html`);
	writeFileSync(page, html);
	execFileSync(
		'chromium',
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--hide-scrollbars',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--default-background-color=00000000',
			`--window-size=${size},${size}`,
			`--screenshot=${join(process.cwd(), 'static/icons', name)}`,
			`file://${page}`
		],
		{ stdio: 'ignore' }
	);
}

render('icon-192.png', 192);
render('icon-512.png', 512);
// Maskable: full-bleed background, artwork inside the 80% safe zone.
render('maskable-512.png', 512, { padding: 56, background: '#1d4e89', radius: false });
render('apple-touch-icon.png', 180, { background: '#1d4e89', radius: false });
console.log('icons written to static/icons');
