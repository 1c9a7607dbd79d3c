/** The staff an admin added to a school's self-assessment team: they may rate with the admins. */
import type { TeamMember } from '../../../src/lib/contracts/self-assessment';
import type { Database } from '../db';

export class TeamStore {
	constructor(
		private readonly db: Database,
		private readonly now: () => number = Date.now
	) {}

	isMember(schoolId: string, userId: string): boolean {
		return !!this.db
			.prepare('SELECT 1 FROM self_assessment_team WHERE school_id = ? AND user_id = ?')
			.get(schoolId, userId);
	}

	members(schoolId: string): TeamMember[] {
		const rows = this.db
			.prepare(
				`SELECT t.user_id, u.display_name, u.role, t.added_at FROM self_assessment_team t
				 JOIN users u ON u.id = t.user_id WHERE t.school_id = ? ORDER BY u.display_name`
			)
			.all(schoolId) as { user_id: string; display_name: string; role: string; added_at: number }[];
		return rows.map((row) => ({
			userId: row.user_id,
			name: row.display_name,
			role: row.role,
			addedAt: new Date(row.added_at).toISOString()
		}));
	}

	/** False when they were already on the team. */
	add(schoolId: string, userId: string, addedBy: string): boolean {
		const result = this.db
			.prepare(
				'INSERT OR IGNORE INTO self_assessment_team (school_id, user_id, added_by, added_at) VALUES (?, ?, ?, ?)'
			)
			.run(schoolId, userId, addedBy, this.now());
		return result.changes > 0;
	}

	/** False when they were not on the team. */
	remove(schoolId: string, userId: string): boolean {
		const result = this.db
			.prepare('DELETE FROM self_assessment_team WHERE school_id = ? AND user_id = ?')
			.run(schoolId, userId);
		return result.changes > 0;
	}
}
