/** `npm run bench`: prints figures for the plan model, the app's first load and the relay. */
import { runFirstLoadBench } from './first-load';
import { runModelBench } from './model';

async function main(): Promise<void> {
	console.log(`Pathways benchmarks · ${new Date().toISOString()} · Node ${process.version}`);
	runModelBench();
	await runFirstLoadBench();
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
