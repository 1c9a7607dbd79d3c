/**
 * The self-assessments of each school, one per school year, with a rating row per attribute; and the
 * append-only log of who read, saved or changed the team of which school's assessment.
 */
import {
	completeRatings,
	type Attribute,
	type AttributeRating,
	type Level,
	type SelfAssessment
} from '../../../src/lib/contracts/self-assessment';
import { transaction, type Database } from '../db';

export type AssessmentAction = 'read' | 'saved' | 'team-added' | 'team-removed' | 'denied';

export interface AssessmentLogEntry {
	at: number;
	userId: string;
	schoolId: string;
	schoolYear: number | null;
	action: AssessmentAction;
	detail: string | null;
}

type HeadRow = { school_year: number; saved_by: string; saved_at: number; display_name: string | null };
type RatingRow = { attribute: string; level: string | null; notes: string; next_steps: string };

export class AssessmentStore {
	constructor(
		private readonly db: Database,
		private readonly now: () => number = Date.now
	) {}

	get(schoolId: string, schoolYear: number): SelfAssessment | null {
		const head = this.db
			.prepare(
				`SELECT a.school_year, a.saved_by, a.saved_at, u.display_name FROM self_assessments a
				 LEFT JOIN users u ON u.id = a.saved_by WHERE a.school_id = ? AND a.school_year = ?`
			)
			.get(schoolId, schoolYear) as HeadRow | undefined;
		if (!head) return null;
		const rows = this.db
			.prepare(
				'SELECT attribute, level, notes, next_steps FROM self_assessment_ratings WHERE school_id = ? AND school_year = ?'
			)
			.all(schoolId, schoolYear) as RatingRow[];
		const ratings = rows.map((row): AttributeRating => ({
			attribute: row.attribute as Attribute,
			level: (row.level as Level | null) ?? null,
			notes: row.notes,
			nextSteps: row.next_steps
		}));
		return {
			schoolId,
			schoolYear: head.school_year,
			ratings: completeRatings(ratings),
			savedBy: { id: head.saved_by, name: head.display_name ?? '' },
			savedAt: new Date(head.saved_at).toISOString()
		};
	}

	/** School years with an assessment, newest first. */
	years(schoolId: string): number[] {
		const rows = this.db
			.prepare('SELECT school_year FROM self_assessments WHERE school_id = ? ORDER BY school_year DESC')
			.all(schoolId) as { school_year: number }[];
		return rows.map((row) => row.school_year);
	}

	/** Saves (replacing) one year's ratings, as one transaction, and logs it. */
	save(
		schoolId: string,
		schoolYear: number,
		userId: string,
		ratings: readonly AttributeRating[]
	): SelfAssessment {
		const at = this.now();
		transaction(this.db, () => {
			this.db
				.prepare(
					`INSERT INTO self_assessments (school_id, school_year, saved_by, saved_at) VALUES (?, ?, ?, ?)
					 ON CONFLICT (school_id, school_year) DO UPDATE SET saved_by = excluded.saved_by, saved_at = excluded.saved_at`
				)
				.run(schoolId, schoolYear, userId, at);
			const upsert = this.db.prepare(
				`INSERT INTO self_assessment_ratings (school_id, school_year, attribute, level, notes, next_steps)
				 VALUES (?, ?, ?, ?, ?, ?)
				 ON CONFLICT (school_id, school_year, attribute)
				 DO UPDATE SET level = excluded.level, notes = excluded.notes, next_steps = excluded.next_steps`
			);
			for (const rating of completeRatings(ratings)) {
				upsert.run(schoolId, schoolYear, rating.attribute, rating.level, rating.notes, rating.nextSteps);
			}
			const rated = ratings.filter((rating) => rating.level).map((r) => `${r.attribute}=${r.level}`);
			this.log({ userId, schoolId, schoolYear, action: 'saved', detail: rated.join(' ') || null });
		});
		return this.get(schoolId, schoolYear)!;
	}

	log(entry: Omit<AssessmentLogEntry, 'at'>): void {
		this.db
			.prepare(
				'INSERT INTO self_assessment_log (at, user_id, school_id, school_year, action, detail) VALUES (?, ?, ?, ?, ?, ?)'
			)
			.run(this.now(), entry.userId, entry.schoolId, entry.schoolYear, entry.action, entry.detail);
	}

	/** The newest entries of one school first. */
	logOf(schoolId: string, limit = 100): AssessmentLogEntry[] {
		const rows = this.db
			.prepare(
				'SELECT at, user_id, school_id, school_year, action, detail FROM self_assessment_log WHERE school_id = ? ORDER BY id DESC LIMIT ?'
			)
			.all(schoolId, limit) as Record<string, unknown>[];
		return rows.map((row) => ({
			at: row.at as number,
			userId: row.user_id as string,
			schoolId: row.school_id as string,
			schoolYear: (row.school_year as number | null) ?? null,
			action: row.action as AssessmentAction,
			detail: (row.detail as string | null) ?? null
		}));
	}
}
