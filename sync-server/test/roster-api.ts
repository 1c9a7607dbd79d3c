/**
 * The roster import as the admin screen drives it: an import for real first checks the same files
 * (the server refuses an import without that check's token) and, unless the test says which
 * confirmations it gives, agrees to every confirmation the check listed.
 */
import type { RosterImportRequest, RosterReport } from '../../src/lib/contracts/roster-report';
import { api, type ApiResponse } from './helpers';

export type RosterBody = Partial<RosterImportRequest> & Record<string, unknown>;

export async function postRoster(
	url: string,
	token: string,
	body: RosterBody
): Promise<ApiResponse<RosterReport>> {
	const full = { format: 'oneroster', files: {}, ...body };
	const post = (payload: unknown) =>
		api<RosterReport>(url, 'POST', '/api/roster/import', { token, body: payload });
	if (full.dryRun !== false || full.checkToken !== undefined) return post(full);
	const check = await post({ ...full, dryRun: true, confirmed: undefined });
	if (check.status !== 200) return check;
	const confirmed = full.confirmed ?? check.body.confirmations.map((confirmation) => confirmation.code);
	return post({ ...full, checkToken: check.body.checkToken, confirmed });
}
