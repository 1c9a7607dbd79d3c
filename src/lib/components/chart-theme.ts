import type uPlot from 'uplot';

/**
 * What the uPlot charts share: colours from the theme tokens (a canvas does not follow CSS, so the
 * chart is drawn again when the colour scheme changes), a width that follows its box, so a chart
 * reflows at 320 CSS pixels and at 400% zoom like the rest of the page, and the drawing itself.
 */
export interface ChartColors {
	line: string;
	text: string;
	grid: string;
}

export function chartColors(): ChartColors {
	const style = getComputedStyle(document.documentElement);
	const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
	return {
		line: token('--chart-line', '#1f6f5c'),
		text: token('--text', '#1a1f27'),
		grid: token('--border', '#8a93a3')
	};
}

/** uPlot axis options drawn in the theme's colours. */
export function themedAxis(colors: ChartColors) {
	return {
		stroke: colors.text,
		grid: { stroke: colors.grid, width: 1 },
		ticks: { stroke: colors.grid, width: 1 }
	};
}

export const chartWidth = (box: HTMLElement) => Math.max(240, Math.min(box.clientWidth || 600, 720));

/** Calls back when the colour scheme changes; returns the way to stop listening. */
export function onSchemeChange(callback: () => void): () => void {
	const query = window.matchMedia('(prefers-color-scheme: dark)');
	query.addEventListener('change', callback);
	return () => query.removeEventListener('change', callback);
}

/** A chart's options but its size (`drawChart` sets and follows that), and its data. */
export interface ChartPlan {
	options: Omit<uPlot.Options, 'width' | 'height'>;
	data: uPlot.AlignedData;
}

/**
 * Draws a uPlot chart in `box`, loading uPlot only now (few screens have a chart), as wide as the
 * box and following its width; `plan` gives the options and data once uPlot is there. Returns the
 * way to take the chart away: an effect's cleanup, also when it runs before uPlot has loaded.
 */
export function drawChart(
	box: HTMLElement,
	height: number,
	plan: (colors: ChartColors, UPlot: typeof uPlot) => ChartPlan
): () => void {
	let chart: uPlot | undefined;
	const resize = new ResizeObserver(() => chart?.setSize({ width: chartWidth(box), height }));
	resize.observe(box);
	let isGone = false;
	void (async () => {
		const [{ default: UPlot }] = await Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]);
		if (isGone) return;
		const { options, data } = plan(chartColors(), UPlot);
		chart = new UPlot({ ...options, width: chartWidth(box), height }, data, box);
	})();
	return () => {
		isGone = true;
		resize.disconnect();
		chart?.destroy();
	};
}
