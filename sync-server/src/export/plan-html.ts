/**
 * The self-contained page inside an export archive: the whole plan as plain HTML with its own
 * styles, no script, readable in any browser without Pathways. It speaks the language of the
 * person who exported it, with the words the app shows (plan-words.ts): the school's labels, the
 * names of linked records, dates with month names. Evidence files are linked relatively
 * (`evidence/…`), so images, audio and video show from the unpacked archive.
 */
import { ar } from '../../../src/lib/messages/ar';
import type { Catalogue } from '../../../src/lib/messages/catalogue';
import { en } from '../../../src/lib/messages/en';
import { es } from '../../../src/lib/messages/es';
import { formatMessage, formatMoment } from '../../../src/lib/messages/format';
import { directionOf, type Language } from '../../../src/lib/messages/languages';
import { ne } from '../../../src/lib/messages/ne';
import { fontFaceCss, fontsFor, pageFontStack } from './page-fonts';
import {
	dateWords,
	fieldLabel,
	isInternalField,
	namesIn,
	optionWords,
	recordNameWords,
	valueWords,
	type Wording
} from '../../../src/lib/messages/plan-words';
import type { PlanSnapshot } from '../../../src/lib/plp/plan';
import { COLLECTION_NAMES, INFO_FIELDS, PLAN_COLLECTIONS, PROFILE_FIELDS } from '../../../src/lib/plp/schema';
import type { ArchiveManifest } from './archive-format';

const CATALOGUES: Record<Language, Catalogue> = { en, es, ar, ne };

/** Who the page is written for: their language, and the school's own words. */
export interface PageWording {
	language: Language;
	schoolLabel?: (value: string) => string | undefined;
	proficiencyName?: (id: string) => string | undefined;
}

const escape = (value: string) =>
	value.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/** Writing as the person wrote it: escaped, line breaks kept, its own direction. */
const writing = (value: string) => escape(value).replace(/\n/g, '<br>');

function evidenceHtml(record: Record<string, unknown>, manifest: ArchiveManifest): string {
	const entry = manifest.evidence.find((e) => e.hash === record.fileHash);
	if (!entry) return '';
	const src = escape(entry.path);
	if (entry.mimeType.startsWith('image/')) return `<img src="${src}" alt="${escape(String(record.title))}">`;
	if (entry.mimeType.startsWith('audio/')) return `<audio controls src="${src}"></audio>`;
	if (entry.mimeType.startsWith('video/')) return `<video controls src="${src}"></video>`;
	return `<a href="${src}">${escape(String(record.fileName || entry.path))}</a>`;
}

/** "Confirmed by Rosa Díaz, employer, on 2 August 2026" for each guest who confirmed this evidence. */
function confirmationsHtml(
	language: Language,
	wording: Wording,
	record: Record<string, unknown>,
	manifest: ArchiveManifest
): string {
	const mine = (manifest.confirmations ?? []).filter((c) => c.evidenceId === record.id);
	if (mine.length === 0) return '';
	const voices = wording.messages.voices;
	const relationWords = {
		mentor: voices.wordMentor,
		employer: voices.wordEmployer,
		community: voices.wordCommunity
	};
	const items = mine.map(
		(c) =>
			`<li dir="auto">✓ ${escape(
				formatMessage(language, voices.confirmedBy, {
					name: c.name,
					relation: relationWords[c.relation] ?? c.relation,
					date: dateWords(wording, c.date)
				})
			)}</li>`
	);
	return `<ul class="confirmations">${items.join('')}</ul>`;
}

const term = (label: string, words: string) =>
	words ? `<dt>${escape(label)}</dt><dd dir="auto">${writing(words)}</dd>` : '';

export function planHtml(manifest: ArchiveManifest, page: PageWording = { language: 'en' }): string {
	const messages = CATALOGUES[page.language];
	const wording: Wording = { ...page, messages };
	const plan: PlanSnapshot = manifest.plan;
	const names = namesIn(wording, plan);
	const parts: string[] = [];
	const name = plan.info.studentName || messages.exportPage.untitled;
	parts.push(`<h1 dir="auto">${escape(name)}</h1>`, `<h2>${escape(messages.sections.info)}</h2><dl>`);
	for (const field of INFO_FIELDS) {
		const value = field === 'startDate' ? dateWords(wording, plan.info[field]) : plan.info[field];
		parts.push(term(messages.info[field], value));
	}
	parts.push(`</dl><h2>${escape(messages.sections.profile)}</h2><dl>`);
	for (const field of PROFILE_FIELDS) parts.push(term(messages.profile[field], plan.profile[field]));
	parts.push('</dl>');
	for (const section of COLLECTION_NAMES) {
		const records = plan[section] as unknown as Record<string, unknown>[];
		if (records.length === 0) continue;
		parts.push(`<h2>${escape(messages.sections[section])}</h2>`);
		records.forEach((record, index) => {
			parts.push(
				`<section><h3 dir="auto">${escape(recordNameWords(wording, section, record, index))}</h3><dl>`
			);
			for (const field of Object.keys(PLAN_COLLECTIONS[section])) {
				if (isInternalField(section, field)) continue;
				parts.push(
					term(
						fieldLabel(messages, section, field),
						valueWords(wording, section, field, record[field], names)
					)
				);
			}
			parts.push('</dl>');
			if (section === 'evidence') {
				parts.push(confirmationsHtml(page.language, wording, record, manifest));
				parts.push(evidenceHtml(record, manifest));
			}
			parts.push('</section>');
		});
	}
	const family = manifest.family;
	parts.push(`<h2>${escape(messages.family.title)}</h2><dl>`);
	parts.push(term(messages.family.strengths, family.view.strengths));
	parts.push(term(messages.family.hopes, family.view.hopes), '</dl>');
	if (family.reflections.length) parts.push(`<h3>${escape(messages.family.reflections)}</h3>`);
	for (const reflection of family.reflections) {
		const who = reflection.authorName || optionWords(wording, reflection.authorRole);
		const heading = [dateWords(wording, reflection.date), who].filter(Boolean).join(' · ');
		parts.push(`<section><p dir="auto"><strong>${escape(heading)}</strong></p>`);
		if (reflection.prompt) parts.push(`<p dir="auto"><em>${writing(reflection.prompt)}</em></p>`);
		parts.push(`<p dir="auto">${writing(reflection.body)}</p></section>`);
	}
	if (family.comments.length) parts.push(`<h3>${escape(messages.exportPage.comments)}</h3>`);
	for (const comment of family.comments) {
		const heading = [dateWords(wording, comment.date), comment.authorName].filter(Boolean).join(' · ');
		parts.push(`<section><p dir="auto"><strong>${escape(heading)}</strong></p>`);
		parts.push(term(messages.fieldsIn.family.section, comment.section));
		parts.push(`<p dir="auto">${writing(comment.body)}</p></section>`);
	}
	const footer = [
		formatMessage(page.language, messages.exportPage.exportedOn, {
			date: formatMoment(page.language, manifest.exportedAt)
		}),
		formatMessage(page.language, messages.exportPage.dataFormat, {
			format: manifest.format,
			version: manifest.formatVersion
		})
	].join(' ');
	const title = formatMessage(page.language, messages.exportPage.title, { name });
	const body = parts.filter(Boolean).join('\n');
	const fonts = fontsFor(`${title} ${body} ${footer}`);
	return `<!doctype html>
<html lang="${page.language}" dir="${directionOf(page.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
${fontFaceCss(fonts)}
body { font: 16px/1.5 ${pageFontStack(fonts)}; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { margin-bottom: 0; } h2 { border-bottom: 2px solid #2b6e5f; margin-top: 2rem; } h3 { margin: 0.5rem 0; font-size: 1.05rem; }
section { border: 1px solid #ccc; border-radius: 6px; padding: 0.5rem 1rem; margin: 0.75rem 0; break-inside: avoid; }
dt { font-weight: 600; } dd { margin: 0 0 0.5rem 0; }
img, video { max-width: 100%; } .confirmations { list-style: none; padding: 0; font-weight: 600; } footer { margin-top: 3rem; color: #555; font-size: 0.9rem; }
</style></head><body>
${body}
<footer>${escape(footer)}</footer>
</body></html>
`;
}
