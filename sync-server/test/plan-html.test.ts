import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FamilyPart } from '../../src/lib/plp/family';
import { Plan } from '../../src/lib/plp/plan';
import { recordRevision } from '../../src/lib/plp/revisions';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, type ArchiveManifest } from '../src/export/archive-format';
import { planHtml } from '../src/export/plan-html';

/** A plan with the values that used to show as codes: choices, links, people, dates, a snapshot. */
function manifest(): ArchiveManifest {
	const plan = Plan.create(new Y.Doc({ gc: false }), 'p-1', {
		studentName: 'Amara Okoye',
		startDate: '2026-09-02'
	});
	const goalId = plan.goals.add({
		kind: 'secondary',
		title: 'Bring my biology grade up to a B',
		status: 'in-progress',
		byWhen: '2027-04-30'
	});
	plan.steps.add({ goalId, what: 'Go to help sessions' });
	const pathwayId = plan.collections.pathways.add({ kind: 'work-based', provider: 'Clinic' });
	plan.collections.pathways.link(pathwayId, 'goalIds', goalId, true);
	recordRevision(plan, {
		whatChanged: 'New goal',
		why: 'Talked with my family',
		participants: [
			{ name: 'Lucia Rivera', role: 'advisor' },
			{ name: 'Amara', role: 'student' }
		],
		date: '2026-12-01'
	});
	const family = new FamilyPart(new Y.Doc());
	family.reflections.add({ date: '2026-11-20', authorRole: 'guardian', body: 'Proud of her' });
	return {
		format: ARCHIVE_FORMAT,
		formatVersion: ARCHIVE_FORMAT_VERSION,
		exportedAt: '2026-12-01T19:05:55.821Z',
		planId: 'p-1',
		plan: plan.snapshot(),
		family: family.snapshot(),
		evidence: []
	};
}

/** The page's text as a reader sees it (tags and styles removed). */
const textOf = (html: string) =>
	html
		.replace(/<style>[\s\S]*?<\/style>/, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ');

describe('the export page', () => {
	const data = manifest();
	const goalId = data.plan.goals[0]!.id;

	it('shows labels, names and dates, never stored values, ids, ISO dates or the saved view', () => {
		const text = textOf(planHtml(data, { language: 'en' }));
		expect(text).toContain('High school goal');
		expect(text).toContain('In progress');
		expect(text).toContain('Work-based learning');
		expect(text).toContain('April 30, 2027');
		expect(text).toContain('Lucia Rivera · Advisor, Amara · Student');
		expect(text).toContain('Why it changed Talked with my family');
		expect(text).toContain('Parent or guardian');
		for (const code of [
			'in-progress',
			'work-based',
			'secondary',
			'advisor)',
			goalId,
			'2027-04-30',
			'2026-12-01T'
		])
			expect(text).not.toContain(code);
		expect(text).not.toMatch(/· guardian\b/); // the role's code where its label belongs
		expect(text).not.toMatch(/[A-Za-z0-9+/]{80,}/); // no encoded Yjs snapshot
		// A step names its goal by its title.
		expect(text).toMatch(/Goal Bring my biology grade up to a B/);
	});

	it('speaks the exporter’s language, Arabic right to left with its month names', () => {
		const html = planHtml(data, { language: 'ar' });
		expect(html).toContain('<html lang="ar" dir="rtl">');
		const text = textOf(html);
		expect(text).toContain('خطة التعلّم الشخصية');
		expect(text).toMatch(/أبريل|نيسان/);
		expect(text).not.toContain('High school goal');
		expect(text).not.toContain('2027-04-30');
		const spanish = textOf(planHtml(data, { language: 'es' }));
		expect(spanish).toContain('30 de abril de 2027');
		expect(spanish).toContain('Exportado de Pathways el');
	});

	it('carries the font of each script its text uses, and none for a page in Latin letters only', () => {
		const english = planHtml(data, { language: 'en' });
		expect(english).not.toContain('@font-face');
		expect(english).toContain('font: 16px/1.5 system-ui, sans-serif');

		const nepali = planHtml(data, { language: 'ne' });
		expect(nepali).toContain(
			"src: local('Noto Sans Devanagari'), url(fonts/noto-sans-devanagari-devanagari-400-normal.woff2) format('woff2')"
		);
		expect(nepali).toContain('noto-sans-devanagari-devanagari-700-normal.woff2');
		expect(nepali).not.toContain('Noto Sans Arabic');
		expect(nepali).toContain("font: 16px/1.5 'Noto Sans Devanagari', system-ui, sans-serif");

		const arabic = planHtml(data, { language: 'ar' });
		expect(arabic).toContain("font-family: 'Noto Sans Arabic'; font-weight: 400");
		expect(arabic).toContain('unicode-range: U+0600-06FF');

		// An English page about a student who writes in Nepali still needs the Nepali font.
		const written = manifest();
		written.plan.profile.strengths = 'मलाई कथाहरू मन पर्छ';
		expect(planHtml(written, { language: 'en' })).toContain("font-family: 'Noto Sans Devanagari'");
	});

	it('uses the school’s own label for its custom pathway', () => {
		const custom = manifest();
		custom.plan.pathways[0]!.kind = 'custom:abc' as never;
		const text = textOf(
			planHtml(custom, {
				language: 'en',
				schoolLabel: (v) => (v === 'custom:abc' ? 'Robotics club' : undefined)
			})
		);
		expect(text).toContain('Robotics club');
		expect(text).not.toContain('custom:abc');
	});

	it('says who from outside school confirmed which evidence, and names a guest author with their relation', () => {
		const doc = new Y.Doc({ gc: false });
		const plan = Plan.create(doc, 'p-2', { studentName: 'Ben Cho' });
		const shop = plan.collections.evidence.add({ kind: 'journal', title: 'Summer job at the bike shop' });
		plan.collections.evidence.add({ kind: 'journal', title: 'Science fair poster' });
		plan.collections.reflections.add({
			date: '2026-08-03',
			authorRole: 'employer',
			authorName: 'Rosa Díaz',
			body: 'Always on time.'
		});
		const data: ArchiveManifest = {
			...manifest(),
			planId: 'p-2',
			plan: plan.snapshot(),
			confirmations: [
				{
					evidenceId: shop,
					evidenceTitle: 'Summer job at the bike shop',
					name: 'Rosa Díaz',
					relation: 'employer',
					date: '2026-08-02'
				}
			]
		};
		const english = planHtml(data, { language: 'en' });
		const sections = english.split('<section>');
		const shopSection = sections.find((part) => part.includes('Summer job at the bike shop'))!;
		const posterSection = sections.find((part) => part.includes('Science fair poster'))!;
		expect(textOf(shopSection)).toContain('✓ Confirmed by Rosa Díaz, employer, on August 2, 2026');
		expect(posterSection).not.toContain('Confirmed by');
		const reflection = textOf(sections.find((part) => part.includes('Always on time.'))!);
		expect(reflection).toContain('Rosa Díaz');
		expect(reflection).toContain('Employer');
		expect(textOf(planHtml(data, { language: 'ne' }))).toContain('Rosa Díaz, रोजगारदाता ले');
		const arabic = textOf(planHtml(data, { language: 'ar' }));
		expect(arabic).toContain('أكّده Rosa Díaz، صاحب عمل');
		expect(arabic).toMatch(/أغسطس|آب/);
		// An archive written before confirmations were kept still makes its page.
		const older = { ...data, confirmations: undefined };
		expect(planHtml(older, { language: 'en' })).not.toContain('Confirmed by');
	});
});
