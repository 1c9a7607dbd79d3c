/** Printing figures: benchmarks report, they never assert. */
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2
		? (sorted[mid] as number)
		: ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function printTable(title: string, rows: Array<[string, string]>): void {
	console.log(`\n${title}`);
	const width = Math.max(...rows.map(([k]) => k.length));
	for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
}
