import type { Proficiency } from '../contracts/framework';
import { format, t } from '../messages';

/** A proficiency as a choice in a list: its code, its title and its kind, in the person's language. */
export function proficiencyOptionText(proficiency: Proficiency): string {
	const kind = proficiency.kind === 'graduation' ? t.proficiencies.graduation : t.proficiencies.transferable;
	return format(t.proficiencies.option, {
		id: proficiency.code ?? proficiency.id,
		title: proficiency.title,
		kind
	});
}
