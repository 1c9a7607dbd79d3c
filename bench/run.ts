/**
 * `npm run bench`: prints figures for the plan model, the app's first load, the relay (next to the
 * reference relay), roster import, evidence uploads and the time to edit a big plan offline on a
 * slow CPU. Nothing here asserts a time.
 * BENCH_ONLY=model,first-load,relay,roster,evidence,storage,fanout,editable runs a subset.
 */
import { runEvidenceBench } from './evidence';
import { runFanOutBench } from './fan-out';
import { runFirstLoadBench } from './first-load';
import { runModelBench } from './model';
import { runRelayBench } from './relay';
import { runRosterBench } from './roster';
import { runStorageEnginesBench } from './storage-engines';
import { runTimeToEditableBench } from './time-to-editable';

const benches: Record<string, () => void | Promise<void>> = {
	model: runModelBench,
	'first-load': runFirstLoadBench,
	relay: runRelayBench,
	roster: runRosterBench,
	evidence: runEvidenceBench,
	storage: runStorageEnginesBench,
	fanout: runFanOutBench,
	editable: runTimeToEditableBench
};

async function main(): Promise<void> {
	console.log(`Pathways benchmarks · ${new Date().toISOString()} · Node ${process.version}`);
	const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
	for (const [name, run] of Object.entries(benches)) {
		if (only && !only.includes(name)) continue;
		await run();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
