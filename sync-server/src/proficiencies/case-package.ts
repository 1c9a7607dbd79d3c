/**
 * A 1EdTech CASE 1.0 package (a CFPackage as JSON: `CFDocument`, `CFItems`, `CFAssociations`,
 * `CFRubrics`) → a Framework. See docs/decisions/0071-case-frameworks.md.
 *
 * - Each CFItem under the document (`isChildOf` with the document, or an item not in the package,
 *   as its destination) is a proficiency; the items below it, at any depth, are its indicators.
 * - A proficiency's and an indicator's id is the item's CASE `identifier` (a GUID), never its
 *   `humanCodingScheme`: a plan's progress stays tied to the published standard when a later
 *   version renumbers or rewords it. The coding scheme is kept as the `code` people see.
 * - `CFItemType` says the kind ("transferable skill" → transferable; anything else → graduation).
 * - Each CFRubric is a scale: the levels of its first criterion (score → value, quality → label);
 *   a proficiency is on the rubric whose criterion names it (`CFItemURI`), else the first one. A
 *   later criterion with levels of its own is a scale of its own for the proficiency it names
 *   (case-rubrics.ts).
 * - Associations other than `isChildOf` (`isRelatedTo`, `exactMatchOf`, `precedes`, …) from an item
 *   are kept as the framework's `links` and shown. Whatever the package holds that is not used (an
 *   association or a criterion) is listed in `notUsed` with the reason; it does not stop the upload.
 */
import {
	CASE_LINK_TYPES,
	type CaseLinkType,
	type Framework,
	type FrameworkLink,
	type Proficiency
} from '../../../src/lib/contracts/framework';
import type { RowProblem } from '../../../src/lib/contracts/roster-report';
import { rowProblem, type RowReason } from '../roster/row-reason';
import { linkId, record, str, type Json } from './case-json';
import { readRubrics } from './case-rubrics';
import { checkFramework } from './framework-input';

export const CASE_FILE = 'case.json';
/** Above these a package is refused as a whole (a school's framework is a few hundred items). */
export const CASE_LIMITS = { CFItems: 5000, CFAssociations: 20000, CFRubrics: 50 } as const;

export interface CasePackageResult {
	framework: Framework;
	/** Problems stop the upload. */
	problems: RowProblem[];
	/** What the package holds that Pathways does not use, each with the reason; the upload goes on. */
	notUsed: RowProblem[];
}

export function readCasePackage(text: string | undefined): CasePackageResult {
	const file = CASE_FILE;
	const framework: Framework = { proficiencies: [], scales: [] };
	const problems: RowProblem[] = [];
	const notUsed: RowProblem[] = [];
	const problem = (why: RowReason) => problems.push(rowProblem(file, 0, why));
	const leftOut = (why: RowReason) => notUsed.push(rowProblem(file, 0, why));
	if (text === undefined)
		return { framework, problems: [rowProblem(file, 0, { code: 'file-missing' })], notUsed };
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		return {
			framework,
			problems: [rowProblem(file, 0, { code: 'json-invalid', detail: (error as Error).message })],
			notUsed
		};
	}
	const root = record(data);
	const document = record(root.CFDocument);
	const documentId = str(document.identifier);
	if (!documentId) problem({ code: 'field-empty', field: 'CFDocument.identifier' });
	const list = (name: keyof typeof CASE_LIMITS, isRequired: boolean): unknown[] => {
		const value = root[name];
		if (value === undefined && !isRequired) return [];
		if (!Array.isArray(value)) {
			problem({ code: 'not-a-list', field: name });
			return [];
		}
		if (value.length > CASE_LIMITS[name]) {
			problem({ code: 'too-many', field: name, count: value.length, limit: CASE_LIMITS[name] });
			return [];
		}
		return value;
	};
	const rawItems = list('CFItems', true);
	const rawAssociations = list('CFAssociations', true);
	const rawRubrics = list('CFRubrics', false);
	if (problems.length > 0) return { framework, problems, notUsed };

	interface Item {
		id: string;
		code: string;
		statement: string;
		title: string;
		type: string;
	}
	const items = new Map<string, Item>();
	rawItems.forEach((raw, i) => {
		const item = record(raw);
		const id = str(item.identifier);
		const statement = str(item.fullStatement);
		if (!id) return problem({ code: 'field-empty', field: `CFItems[${i}].identifier` });
		if (items.has(id)) return problem({ code: 'case-item-repeated', id });
		if (!statement) return problem({ code: 'field-empty', field: `CFItems[${i}].fullStatement` });
		items.set(id, {
			id,
			code: str(item.humanCodingScheme),
			statement,
			title: str(item.abbreviatedStatement) || statement,
			type: str(item.CFItemType).toLowerCase()
		});
	});

	// isChildOf: the origin is the child, the destination its parent (the document or an item).
	const parentOf = new Map<string, string>();
	const children = new Map<string, { id: string; order: number }[]>();
	const otherAssociations: { index: number; association: Json }[] = [];
	rawAssociations.forEach((raw, i) => {
		const association = record(raw);
		if (str(association.associationType) !== 'isChildOf') {
			otherAssociations.push({ index: i, association });
			return;
		}
		const child = linkId(association.originNodeURI);
		const parent = linkId(association.destinationNodeURI);
		if (!child || !parent) {
			const field = `CFAssociations[${i}].${child ? 'destinationNodeURI' : 'originNodeURI'}.identifier`;
			return problem({ code: 'field-empty', field });
		}
		if (!items.has(child))
			return problem({ code: 'case-link-unknown', field: `CFAssociations[${i}]`, id: child });
		if (parentOf.has(child)) {
			const item = items.get(child)!;
			return leftOut({
				code: 'case-item-placed-twice',
				field: `CFAssociations[${i}]`,
				item: item.code || child
			});
		}
		parentOf.set(child, parent);
		const order = typeof association.sequenceNumber === 'number' ? association.sequenceNumber : i;
		children.set(parent, [...(children.get(parent) ?? []), { id: child, order }]);
	});
	const ordered = (parent: string) =>
		(children.get(parent) ?? []).sort((a, b) => a.order - b.order).map((child) => child.id);

	const isTop = (id: string) => {
		const parent = parentOf.get(id);
		return parent === documentId || (parent !== undefined && !items.has(parent));
	};
	const area = Array.isArray(document.subject) ? str(document.subject[0]) : str(document.subject);
	const placed = new Set<string>();
	const tops = [
		...ordered(documentId),
		...[...items.keys()].filter((id) => isTop(id) && parentOf.get(id) !== documentId)
	];
	for (const topId of tops) {
		const top = items.get(topId)!;
		placed.add(topId);
		const indicators: Proficiency['indicators'] = [];
		const walk = (parent: string) => {
			for (const childId of ordered(parent)) {
				if (placed.has(childId)) continue; // a loop in the associations
				placed.add(childId);
				const child = items.get(childId)!;
				indicators.push({ id: child.id, text: child.statement, ...(child.code ? { code: child.code } : {}) });
				walk(childId);
			}
		};
		walk(topId);
		framework.proficiencies.push({
			id: top.id,
			...(top.code ? { code: top.code } : {}),
			kind: /transferable|skill/.test(top.type) ? 'transferable' : 'graduation',
			area,
			title: top.title,
			indicators,
			scaleId: ''
		});
	}
	for (const item of items.values()) {
		if (!placed.has(item.id)) problem({ code: 'case-item-not-placed', id: item.id, itemCode: item.code });
	}

	const links = readLinks(otherAssociations, items, documentId, leftOut);
	if (links.length > 0) framework.links = links;
	readRubrics(rawRubrics, framework, items, { problem, leftOut });
	problems.push(...checkFramework(framework, file));
	return { framework, problems, notUsed };
}

/**
 * Associations other than isChildOf, kept as links when they start from an item of the package;
 * the rest are listed as not used.
 */
function readLinks(
	associations: { index: number; association: Json }[],
	items: Map<string, { code: string }>,
	documentId: string,
	leftOut: (why: RowReason) => void
): FrameworkLink[] {
	const links: FrameworkLink[] = [];
	for (const { index, association } of associations) {
		const field = `CFAssociations[${index}]`;
		const associationType = str(association.associationType);
		if (!(CASE_LINK_TYPES as readonly string[]).includes(associationType)) {
			leftOut({ code: 'case-association-type-unknown', field, associationType });
			continue;
		}
		const type = associationType as CaseLinkType;
		const from = linkId(association.originNodeURI);
		const destination = record(association.destinationNodeURI);
		const to = str(destination.identifier);
		if (!from || !to) {
			leftOut({
				code: 'field-empty',
				field: `${field}.${from ? 'destinationNodeURI' : 'originNodeURI'}.identifier`
			});
			continue;
		}
		if (from === documentId || to === documentId) {
			leftOut({ code: 'case-association-of-document', field, associationType });
			continue;
		}
		if (!items.has(from)) {
			leftOut({ code: 'case-association-origin-unknown', field, associationType, id: from });
			continue;
		}
		const outside = items.has(to)
			? {}
			: {
					...(str(destination.title) ? { toTitle: str(destination.title) } : {}),
					...(str(destination.uri) ? { toUri: str(destination.uri) } : {})
				};
		links.push({ type, fromId: from, toId: to, ...outside });
	}
	return links;
}
