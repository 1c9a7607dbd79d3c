/**
 * Who an export page is written for: the exporting person's language (their account's choice,
 * else their browser's), the school's own option labels (its template document) and the titles
 * of its proficiencies (its latest framework).
 */
import { matchLanguage } from '../../../src/lib/messages/languages';
import { docName } from '../../../src/lib/plp/access';
import { SchoolTemplate } from '../../../src/lib/plp/template';
import type { AsyncDocStore, FrameworkStore } from '../contracts';
import type { User } from '../auth/accounts';
import { loadStoredDoc } from './plan-archive';
import type { PageWording } from './plan-html';

export async function exportPageWording(
	frameworks: FrameworkStore,
	store: AsyncDocStore,
	user: Pick<User, 'schoolId' | 'language'>,
	acceptLanguage: string | undefined
): Promise<PageWording> {
	const preferences = (acceptLanguage ?? '').split(',').map((part) => part.split(';')[0]!.trim());
	const language = user.language ?? matchLanguage(preferences);
	const template = new SchoolTemplate(await loadStoredDoc(store, docName('school', user.schoolId)));
	const framework = await frameworks.latest(user.schoolId);
	return {
		language,
		schoolLabel: (value) => template.labelOf(value),
		proficiencyName: (id) => framework?.proficiencies.find((p) => p.id === id)?.title
	};
}
