/**
 * The self-contained page inside an export archive: the whole plan as plain HTML with its own
 * styles, no script, readable in any browser without Pathways. Evidence files are linked
 * relatively (`evidence/…`), so images, audio and video show from the unpacked archive.
 */
import { en } from '../../../src/lib/messages/en';
import type { PlanSnapshot } from '../../../src/lib/plp/plan';
import { COLLECTION_NAMES, INFO_FIELDS, PROFILE_FIELDS, type Person } from '../../../src/lib/plp/schema';
import type { ArchiveManifest } from './archive-format';

const escape = (value: string) =>
	value.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

function label(key: string): string {
	return (en.fields as Record<string, string>)[key] ?? key;
}

function valueHtml(value: unknown): string {
	if (Array.isArray(value)) {
		if (value.length === 0) return '';
		if (typeof value[0] === 'object') {
			return (value as Person[]).map((p) => `${escape(p.name)} (${escape(p.role)})`).join(', ');
		}
		return escape(value.join(', '));
	}
	return escape(String(value ?? '')).replace(/\n/g, '<br>');
}

function evidenceHtml(record: Record<string, unknown>, manifest: ArchiveManifest): string {
	const entry = manifest.evidence.find((e) => e.hash === record.fileHash);
	if (!entry) return '';
	const src = escape(entry.path);
	if (entry.mimeType.startsWith('image/')) return `<img src="${src}" alt="${escape(String(record.title))}">`;
	if (entry.mimeType.startsWith('audio/')) return `<audio controls src="${src}"></audio>`;
	if (entry.mimeType.startsWith('video/')) return `<video controls src="${src}"></video>`;
	return `<a href="${src}">${escape(String(record.fileName || entry.path))}</a>`;
}

export function planHtml(manifest: ArchiveManifest): string {
	const plan: PlanSnapshot = manifest.plan;
	const parts: string[] = [];
	const name = plan.info.studentName || 'Plan';
	parts.push(`<h1>${escape(name)}</h1>`, `<h2>${escape(en.sections.info)}</h2><dl>`);
	for (const field of INFO_FIELDS)
		parts.push(`<dt>${escape(en.info[field])}</dt><dd>${valueHtml(plan.info[field])}</dd>`);
	parts.push(`</dl><h2>${escape(en.sections.profile)}</h2><dl>`);
	for (const field of PROFILE_FIELDS) {
		parts.push(`<dt>${escape(en.profile[field])}</dt><dd>${valueHtml(plan.profile[field])}</dd>`);
	}
	parts.push('</dl>');
	for (const name of COLLECTION_NAMES) {
		const records = plan[name] as unknown as Record<string, unknown>[];
		if (records.length === 0) continue;
		parts.push(`<h2>${escape(en.sections[name])}</h2>`);
		for (const record of records) {
			parts.push('<section><dl>');
			for (const [key, value] of Object.entries(record)) {
				if (key === 'id' || value === '' || (Array.isArray(value) && value.length === 0)) continue;
				parts.push(`<dt>${escape(label(key))}</dt><dd>${valueHtml(value)}</dd>`);
			}
			parts.push('</dl>');
			if (name === 'evidence') parts.push(evidenceHtml(record, manifest));
			parts.push('</section>');
		}
	}
	const family = manifest.family;
	parts.push(`<h2>${escape(en.family.title)}</h2><dl>`);
	parts.push(`<dt>${escape(en.family.strengths)}</dt><dd>${valueHtml(family.view.strengths)}</dd>`);
	parts.push(`<dt>${escape(en.family.hopes)}</dt><dd>${valueHtml(family.view.hopes)}</dd></dl>`);
	for (const reflection of family.reflections) {
		parts.push(`<section><p>${valueHtml(reflection.date)} · ${valueHtml(reflection.authorName)}</p>`);
		parts.push(`<p>${valueHtml(reflection.body)}</p></section>`);
	}
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(name)} · Personalized Learning Plan</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { margin-bottom: 0; } h2 { border-bottom: 2px solid #2b6e5f; margin-top: 2rem; }
section { border: 1px solid #ccc; border-radius: 6px; padding: 0.5rem 1rem; margin: 0.75rem 0; break-inside: avoid; }
dt { font-weight: 600; } dd { margin: 0 0 0.5rem 0; }
img, video { max-width: 100%; } footer { margin-top: 3rem; color: #555; font-size: 0.9rem; }
</style></head><body>
${parts.join('\n')}
<footer>Exported from Pathways on ${escape(manifest.exportedAt)} · format ${escape(manifest.format)} version ${manifest.formatVersion}</footer>
</body></html>
`;
}
