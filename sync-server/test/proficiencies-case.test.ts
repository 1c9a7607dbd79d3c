/**
 * CASE 1.0 frameworks through the API on a real server: a package built from the CASE 1.0
 * specification (test/fixtures/case) imports, imports again unchanged, a second version shows its
 * changes, and progress entries keep their link to each item across versions.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FrameworkVersion } from '../../src/lib/contracts/framework';
import type { FrameworkUploadReport } from '../../src/lib/contracts/framework-api';
import type { FrameworkChange } from '../../src/lib/contracts/framework-changes';
import { growthSeries } from '../../src/lib/proficiencies/growth';
import type { ProgressEntry } from '../../src/lib/plp/schema';
import { CASE_LIMITS } from '../src/proficiencies/case-package';
import { api, signIn, startServer, type TestServer } from './helpers';

const fixture = (name: string) =>
	readFileSync(path.join(import.meta.dirname, 'fixtures', 'case', name), 'utf8');
const id = (n: number) => `0f6a1c00-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;
const [COM, COM1, COM2, COM3, SCI, SCI1, SCI2, SCI3] = [1, 2, 3, 4, 5, 6, 7, 8].map(id) as [
	string,
	string,
	string,
	string,
	string,
	string,
	string,
	string
];

let server: TestServer;
let admin: string;

beforeEach(async () => {
	server = await startServer();
	admin = await signIn(server.url, 'admin');
});
afterEach(async () => {
	await server.close();
});

const upload = (text: string, dryRun = false) =>
	api<FrameworkUploadReport>(server.url, 'POST', '/api/proficiencies', {
		token: admin,
		body: { format: 'case', files: { 'case.json': text }, dryRun }
	});
const latest = async () =>
	(
		await api<{ framework: FrameworkVersion | null }>(server.url, 'GET', '/api/proficiencies', {
			token: admin
		})
	).body.framework!;

describe('CASE 1.0 frameworks', () => {
	it('imports a package with each item’s CASE identifier, and the same package again changes nothing', async () => {
		const dry = await upload(fixture('graduate-profile-v1.json'), true);
		expect(dry.body).toEqual({
			isDryRun: true,
			isSaved: false,
			isNewVersion: false,
			version: null,
			problems: [],
			notUsed: [],
			counts: { graduation: 1, transferable: 1, indicators: 5, scales: 1, links: 0 },
			changes: null
		});
		const saved = await upload(fixture('graduate-profile-v1.json'));
		expect(saved.body).toMatchObject({ isSaved: true, isNewVersion: true, version: 1, changes: null });
		const framework = await latest();
		expect(
			framework.proficiencies.map((p) => ({
				id: p.id,
				code: p.code,
				kind: p.kind,
				title: p.title,
				area: p.area,
				scaleId: p.scaleId,
				indicators: p.indicators.map((i) => `${i.code}:${i.id}`)
			}))
		).toEqual([
			{
				id: COM,
				code: 'COM',
				kind: 'transferable',
				title: 'Clear and effective communication',
				area: 'Graduate profile',
				scaleId: '0f6a1c00-0000-4000-8000-000000000301',
				indicators: [`COM.1:${COM1}`, `COM.2:${COM2}`, `COM.3:${COM3}`]
			},
			{
				id: SCI,
				code: 'SCI',
				kind: 'graduation',
				title: 'Scientific investigation',
				area: 'Graduate profile',
				scaleId: '0f6a1c00-0000-4000-8000-000000000301',
				indicators: [`SCI.1:${SCI1}`, `SCI.2:${SCI2}`]
			}
		]);
		expect(framework.scales).toEqual([
			{
				id: '0f6a1c00-0000-4000-8000-000000000301',
				name: 'Four-step scale',
				levels: [
					{ value: 1, label: 'Beginning', description: 'Shows the skill with a lot of help' },
					{ value: 2, label: 'Developing', description: 'Shows the skill with some help' },
					{ value: 3, label: 'Proficient', description: 'Shows the skill on their own' },
					{ value: 4, label: 'Distinguished', description: 'Shows the skill in new situations' }
				]
			}
		]);

		const again = await upload(fixture('graduate-profile-v1.json'));
		expect(again.body).toMatchObject({ isSaved: true, isNewVersion: false, version: 1, changes: [] });
		const versions = await api<{ versions: unknown[] }>(server.url, 'GET', '/api/proficiencies/versions', {
			token: admin
		});
		expect(versions.body.versions).toHaveLength(1);
	});

	it('a second version shows what it added, removed and reworded; a renumbered item is the same item', async () => {
		await upload(fixture('graduate-profile-v1.json'));
		const expected: FrameworkChange[] = [
			{
				change: 'reworded',
				level: 'indicator',
				id: COM2,
				code: 'COM.2',
				text: 'Listens actively, asks questions and builds on the ideas of others',
				from: 'Listens actively and responds to the ideas of others'
			},
			{
				change: 'added',
				level: 'indicator',
				id: SCI3,
				code: 'SCI-A.3',
				text: 'Communicates findings and their limits'
			},
			{
				change: 'removed',
				level: 'indicator',
				id: COM3,
				code: 'COM.3',
				text: 'Presents evidence to support a claim'
			}
		];
		const check = await upload(fixture('graduate-profile-v2.json'), true);
		expect(check.body).toMatchObject({ problems: [], changes: expected });
		const saved = await upload(fixture('graduate-profile-v2.json'));
		expect(saved.body).toMatchObject({ isNewVersion: true, version: 2, changes: expected });
		const changes = await api<{ version: number; changes: FrameworkChange[] }>(
			server.url,
			'GET',
			'/api/proficiencies/2/changes',
			{ token: admin }
		);
		expect(changes.body).toEqual({ version: 2, changes: expected });
		expect((await latest()).proficiencies.find((p) => p.id === SCI)?.code).toBe('SCI-A');
	});

	it('progress entries keep their link to the item across versions', async () => {
		await upload(fixture('graduate-profile-v1.json'));
		const v1 = await latest();
		await upload(fixture('graduate-profile-v2.json'));
		const v2 = await latest();
		const entries: ProgressEntry[] = [
			{ date: '2026-10-01', level: '2', proficiency: SCI },
			{ date: '2027-02-01', level: '3', proficiency: SCI },
			{ date: '2026-11-01', level: '4', proficiency: COM }
		].map((fields, i) => ({
			id: `e${i}`,
			goalId: '',
			assessmentKind: 'benchmark',
			note: '',
			evidenceIds: [],
			...fields
		}));
		const read = (framework: FrameworkVersion) =>
			growthSeries(entries, framework).map((series) => ({
				id: series.proficiencyId,
				title: series.title,
				code: framework.proficiencies.find((p) => p.id === series.proficiencyId)?.code,
				levels: series.points.map((point) => point.levelText)
			}));
		expect(read(v1)).toEqual([
			{ id: COM, title: 'Clear and effective communication', code: 'COM', levels: ['4 · Distinguished'] },
			{
				id: SCI,
				title: 'Scientific investigation',
				code: 'SCI',
				levels: ['2 · Developing', '3 · Proficient']
			}
		]);
		// v2 renumbered SCI as SCI-A: the same entries still find it, by its CASE identifier.
		expect(read(v2)).toEqual([
			{ id: COM, title: 'Clear and effective communication', code: 'COM', levels: ['4 · Distinguished'] },
			{
				id: SCI,
				title: 'Scientific investigation',
				code: 'SCI-A',
				levels: ['2 · Developing', '3 · Proficient']
			}
		]);
	});

	it('reports each bad item, link and size by its place in the package, and saves nothing', async () => {
		const pkg = JSON.parse(fixture('graduate-profile-v1.json')) as {
			CFItems: Record<string, unknown>[];
			CFAssociations: Record<string, unknown>[];
		};
		pkg.CFItems.push({ ...pkg.CFItems[1] }); // COM.1 twice
		pkg.CFItems.push({ identifier: 'lone-item', humanCodingScheme: 'ART', fullStatement: 'Makes art' });
		pkg.CFItems.push({ identifier: 'no-words', humanCodingScheme: 'X' });
		pkg.CFAssociations.push({
			associationType: 'isChildOf',
			originNodeURI: { identifier: 'ghost' },
			destinationNodeURI: { identifier: COM }
		});
		const report = await upload(JSON.stringify(pkg));
		expect(report.body.isSaved).toBe(false);
		expect(report.body.problems).toEqual([
			{
				file: 'case.json',
				line: 0,
				reason: `CFItem ${COM1} is listed twice`,
				why: { code: 'case-item-repeated', id: COM1 }
			},
			{
				file: 'case.json',
				line: 0,
				reason: 'CFItems[9].fullStatement is empty',
				why: { code: 'field-empty', field: 'CFItems[9].fullStatement' }
			},
			{
				file: 'case.json',
				line: 0,
				reason: 'CFAssociations[7] names ghost, which is not among the CFItems',
				why: { code: 'case-link-unknown', field: 'CFAssociations[7]', id: 'ghost' }
			},
			{
				file: 'case.json',
				line: 0,
				reason: 'CFItem ART (lone-item) is under neither the document nor another item (no isChildOf)',
				why: { code: 'case-item-not-placed', id: 'lone-item', itemCode: 'ART' }
			}
		]);
		expect((await api(server.url, 'GET', '/api/proficiencies', { token: admin })).body).toEqual({
			framework: null
		});

		const huge = { ...pkg, CFItems: Array.from({ length: CASE_LIMITS.CFItems + 1 }, () => ({})) };
		const tooBig = await upload(JSON.stringify(huge), true);
		expect(tooBig.body.problems).toEqual([
			{
				file: 'case.json',
				line: 0,
				reason: `CFItems has ${CASE_LIMITS.CFItems + 1} entries: at most ${CASE_LIMITS.CFItems} are read`,
				why: {
					code: 'too-many',
					field: 'CFItems',
					count: CASE_LIMITS.CFItems + 1,
					limit: CASE_LIMITS.CFItems
				}
			}
		]);
		const notCase = await upload('{"title": "not a package"}', true);
		expect(notCase.body.problems.map((problem) => problem.why.code)).toEqual([
			'field-empty',
			'not-a-list',
			'not-a-list'
		]);
	});
	it('keeps associations other than isChildOf as links and lists every one it does not use, with the reason', async () => {
		await upload(fixture('graduate-profile-v1.json'));
		const check = await upload(fixture('graduate-profile-v2.json'), true);
		expect(check.body.problems).toEqual([]);
		expect(check.body.counts.links).toBe(3);
		expect(check.body.notUsed.map((row) => row.why)).toEqual([
			{ code: 'case-item-placed-twice', field: 'CFAssociations[10]', item: 'COM.1' },
			{ code: 'case-association-of-document', field: 'CFAssociations[11]', associationType: 'isPartOf' },
			{ code: 'case-criterion-for-indicator', field: 'CFRubrics[0].CFRubricCriteria[2]', item: 'SCI-A.1' }
		]);
		await upload(fixture('graduate-profile-v2.json'));
		const v2 = await latest();
		expect(v2.links).toEqual([
			{ type: 'isRelatedTo', fromId: COM2, toId: SCI3 },
			{
				type: 'exactMatchOf',
				fromId: SCI,
				toId: '5e1f0000-0000-4000-8000-000000000001',
				toTitle: 'State standard HS-SCI-1 (fictional)',
				toUri: 'https://standards.example.org/ims/case/v1p0/CFItems/5e1f0000-0000-4000-8000-000000000001'
			},
			{ type: 'precedes', fromId: SCI1, toId: SCI2 }
		]);
		// COM.1 placed a second time stays where it was first placed.
		expect(v2.proficiencies.find((p) => p.id === COM)!.indicators.map((i) => i.id)).toEqual([COM1, COM2]);
		const again = await upload(fixture('graduate-profile-v2.json'));
		expect(again.body).toMatchObject({ isSaved: true, isNewVersion: false, version: 2 });

		const pkg = JSON.parse(fixture('graduate-profile-v2.json')) as { CFAssociations: unknown[] };
		pkg.CFAssociations.push(
			{
				associationType: 'isCousinOf',
				originNodeURI: { identifier: COM1 },
				destinationNodeURI: { identifier: COM2 }
			},
			{
				associationType: 'isRelatedTo',
				originNodeURI: { identifier: 'elsewhere' },
				destinationNodeURI: { identifier: COM2 }
			},
			{ associationType: 'precedes', originNodeURI: { identifier: COM1 }, destinationNodeURI: {} }
		);
		const more = await upload(JSON.stringify(pkg), true);
		expect(more.body.problems).toEqual([]);
		expect(more.body.notUsed.slice(2, 5)).toEqual([
			{
				file: 'case.json',
				line: 0,
				reason: 'CFAssociations[12]: isCousinOf is not a CASE 1.0 association type, so it is not used',
				why: {
					code: 'case-association-type-unknown',
					field: 'CFAssociations[12]',
					associationType: 'isCousinOf'
				}
			},
			{
				file: 'case.json',
				line: 0,
				reason:
					'CFAssociations[13] (isRelatedTo) starts from elsewhere, which is not among the CFItems, so it is not used',
				why: {
					code: 'case-association-origin-unknown',
					field: 'CFAssociations[13]',
					associationType: 'isRelatedTo',
					id: 'elsewhere'
				}
			},
			{
				file: 'case.json',
				line: 0,
				reason: 'CFAssociations[14].destinationNodeURI.identifier is empty',
				why: { code: 'field-empty', field: 'CFAssociations[14].destinationNodeURI.identifier' }
			}
		]);
	});

	it('uses every criterion of a rubric or says why not; one with levels of its own is its own scale', async () => {
		type Criterion = Record<string, unknown> & { CFRubricCriterionLevels: Record<string, unknown>[] };
		const pkg = JSON.parse(fixture('graduate-profile-v1.json')) as {
			CFRubrics: { identifier: string; CFRubricCriteria: Criterion[] }[];
		};
		const criteria = pkg.CFRubrics[0]!.CFRubricCriteria;
		const rubricId = pkg.CFRubrics[0]!.identifier;
		const threeLevels = ['Not yet', 'Nearly', 'Secure'].map((quality, i) => ({ quality, score: i + 1 }));
		// SCI's criterion has three levels of its own: SCI is on a scale of its own.
		criteria[1] = { ...criteria[1]!, category: 'Science', CFRubricCriterionLevels: threeLevels };
		criteria.push(
			{ identifier: 'c-empty', CFItemURI: { identifier: SCI }, CFRubricCriterionLevels: [] },
			{ identifier: 'c-nobody', CFRubricCriterionLevels: threeLevels },
			{ ...criteria[0]!, identifier: 'c-ghost', CFItemURI: { identifier: 'ghost' } },
			{ identifier: 'c-com-again', CFItemURI: { identifier: COM }, CFRubricCriterionLevels: threeLevels }
		);
		const report = await upload(JSON.stringify(pkg));
		expect(report.body.problems).toEqual([]);
		expect(report.body.notUsed.map((row) => row.why)).toEqual([
			{ code: 'case-criterion-no-levels', field: 'CFRubrics[0].CFRubricCriteria[2]' },
			{ code: 'case-criterion-no-item', field: 'CFRubrics[0].CFRubricCriteria[3]' },
			{ code: 'case-criterion-item-unknown', field: 'CFRubrics[0].CFRubricCriteria[4]', id: 'ghost' },
			{ code: 'case-criterion-item-has-scale', field: 'CFRubrics[0].CFRubricCriteria[5]', item: 'COM' }
		]);
		const framework = await latest();
		const scienceScale = `${rubricId}/0f6a1c00-0000-4000-8000-000000000312`;
		expect(framework.scales.map((scale) => [scale.id, scale.name, scale.levels.map((l) => l.label)])).toEqual(
			[
				[rubricId, 'Four-step scale', ['Beginning', 'Developing', 'Proficient', 'Distinguished']],
				[scienceScale, 'Four-step scale: Science', ['Not yet', 'Nearly', 'Secure']]
			]
		);
		expect(framework.proficiencies.map((p) => [p.code, p.scaleId])).toEqual([
			['COM', rubricId],
			['SCI', scienceScale]
		]);
	});
});
