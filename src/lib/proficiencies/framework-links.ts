/**
 * A CASE framework's links (associations other than parent and child) as people read them: for a
 * proficiency, each link from it or one of its indicators, with both ends named by code and words.
 */
import { findTarget, type CaseLinkType, type Framework, type Proficiency } from '../contracts/framework';

export interface NamedLink {
	type: CaseLinkType;
	/** "COM.2" */
	from: string;
	/** "SCI-A.3 · Communicates findings and their limits", or the outside node's title. */
	to: string;
	/** The outside node's URI, when the link leaves the package. */
	toUri?: string;
}

export function linksOf(framework: Framework, proficiency: Proficiency): NamedLink[] {
	const own = new Map<string, string>([[proficiency.id, proficiency.code ?? proficiency.id]]);
	for (const indicator of proficiency.indicators) own.set(indicator.id, indicator.code ?? indicator.id);
	return (framework.links ?? []).flatMap((link): NamedLink[] => {
		const from = own.get(link.fromId);
		if (from === undefined) return [];
		const target = findTarget(framework, link.toId);
		const named = target?.indicator
			? `${target.indicator.code ?? target.indicator.id} · ${target.indicator.text}`
			: target
				? `${target.proficiency.code ?? target.proficiency.id} · ${target.proficiency.title}`
				: (link.toTitle ?? link.toId);
		return [{ type: link.type, from, to: named, ...(target || !link.toUri ? {} : { toUri: link.toUri }) }];
	});
}
