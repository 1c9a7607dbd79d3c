/**
 * A whole school at once (for an admin): one .zip holding `plans/<planId>.zip` — each the same
 * archive a single plan export gives — and `school.json` listing them. Written plan by plan,
 * streaming, so its size is bounded by the disk, not by memory.
 */
import { ZipDeflate, ZipPassThrough } from 'fflate';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { writePlanArchive, type ArchiveSource } from './plan-archive';
import { zipInto } from './zip-stream';

export interface SchoolPlan {
	planId: string;
	studentName: string;
}

export async function writeSchoolArchive(
	out: Writable,
	source: Omit<ArchiveSource, 'planId'>,
	school: { name: string; plans: SchoolPlan[] }
): Promise<void> {
	const { zip, drained } = zipInto(out);

	const listing = new ZipDeflate('school.json', { level: 6 });
	zip.add(listing);
	const index = {
		format: 'pathways-school',
		formatVersion: 1,
		exportedAt: new Date(source.now()).toISOString(),
		school: school.name,
		plans: school.plans.map((plan) => ({ ...plan, path: `plans/${plan.planId}.zip` }))
	};
	listing.push(new TextEncoder().encode(JSON.stringify(index, null, '\t')), true);
	await drained();

	for (const plan of school.plans) {
		// Each plan's archive is stored (not compressed again) as one entry of the school's archive.
		const entry = new ZipPassThrough(`plans/${plan.planId}.zip`);
		zip.add(entry);
		const inner = new Writable({
			write(chunk: Uint8Array, _encoding, callback) {
				entry.push(chunk);
				drained().then(() => callback(), callback);
			},
			final(callback) {
				entry.push(new Uint8Array(0), true);
				drained().then(() => callback(), callback);
			}
		});
		await writePlanArchive(inner, { ...source, planId: plan.planId });
		await finished(inner);
	}
	zip.end();
	await drained();
}
