/**
 * How the browser tests and the benchmarks start Chromium: Debian's build (apt-get install chromium;
 * CHROMIUM_PATH for another), headless, with nothing that phones home or updates itself mid-run.
 */
export const chromiumLaunchOptions = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
};
