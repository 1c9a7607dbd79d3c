/** What POST /api/proficiencies answers, shared by the server and the admin screen. */
import type { RowProblem } from './roster-report';
import type { FrameworkChange } from './framework-changes';

/** csv: proficiencies.csv + scales.csv; json: framework.json; case: a CASE 1.0 package (case.json). */
export type FrameworkFormat = 'csv' | 'json' | 'case';

export interface FrameworkUploadReport {
	isDryRun: boolean;
	/** False on a dry run and when problems stopped the upload (a framework is saved whole or not at all). */
	isSaved: boolean;
	/** False when the upload was the same as the latest version (nothing new was stored). */
	isNewVersion: boolean;
	version: number | null;
	problems: RowProblem[];
	/** What the upload holds that Pathways does not use (a CASE package's other parts), with the reason. */
	notUsed: RowProblem[];
	/** `links`: a CASE package's associations other than parent and child, kept and shown. */
	counts: { graduation: number; transferable: number; indicators: number; scales: number; links: number };
	/** What differs from the latest saved version (null when there is none yet). */
	changes: FrameworkChange[] | null;
}
