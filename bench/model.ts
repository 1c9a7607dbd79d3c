import * as Y from 'yjs';
import { Plan } from '../src/lib/plp/plan';
import { PLAN_DOC_OPTIONS } from '../src/lib/plp/revisions';
import { makeFiveYearPlan } from './five-year-plan';
import { median, printTable } from './report';

/** Size and load time of a five-year plan. */
export function runModelBench(): void {
	const { doc, textEdits, counts } = makeFiveYearPlan();
	const encoded = Y.encodeStateAsUpdate(doc);
	const loadTimes: number[] = [];
	const openTimes: number[] = [];
	for (let i = 0; i < 30; i++) {
		const start = performance.now();
		const fresh = new Y.Doc(PLAN_DOC_OPTIONS);
		Y.applyUpdate(fresh, encoded);
		loadTimes.push(performance.now() - start);
		Plan.open(fresh).plan.snapshot();
		openTimes.push(performance.now() - start);
	}
	printTable('Five-year plan (plan model)', [
		[
			'contents',
			`${counts.goals} goals, ${counts.steps} steps, ${counts.progress} progress, ${counts.reflections} reflections, ${textEdits} text edits`
		],
		['encoded size', `${(encoded.byteLength / 1024).toFixed(1)} KB (target ≤ 300 KB)`],
		['load into a Y.Doc (median of 30)', `${median(loadTimes).toFixed(1)} ms (target ≤ 50 ms)`],
		['load + read the whole plan (median)', `${median(openTimes).toFixed(1)} ms`]
	]);
}
