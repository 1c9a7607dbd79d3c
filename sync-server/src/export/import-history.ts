/**
 * The words of the history entry an import from another school leaves in a plan, in the language
 * of the person who brought the plan in (the entry is part of the plan, read by everyone later).
 */
import { ar } from '../../../src/lib/messages/ar';
import type { Catalogue } from '../../../src/lib/messages/catalogue';
import { en } from '../../../src/lib/messages/en';
import { es } from '../../../src/lib/messages/es';
import { formatMessage } from '../../../src/lib/messages/format';
import { DEFAULT_LANGUAGE, type Language } from '../../../src/lib/messages/languages';
import { ne } from '../../../src/lib/messages/ne';
import type { DescribeImport } from '../../../src/lib/plp/merge';

const CATALOGUES: Record<Language, Catalogue> = { en, es, ar, ne };

export function describeImportIn(language: Language | null | undefined): DescribeImport {
	const lang = language ?? DEFAULT_LANGUAGE;
	const words = CATALOGUES[lang];
	const say = (template: string, values: Record<string, string> = {}) =>
		formatMessage(lang, template, values);
	return (replaced, archived) => {
		const changes = replaced.map((change) =>
			say(words.planImport.historyChange, {
				field: words.info[change.field],
				archived: change.archived,
				kept: change.kept
			})
		);
		const why = [
			say(words.planImport.historyWhy, { school: archived.school || words.planImport.historyOtherSchool })
		];
		if (changes.length > 0) why.push(say(words.planImport.historyKept, { changes: changes.join('; ') }));
		return { whatChanged: words.planImport.historyWhat, why: why.join(' ') };
	};
}
