import type { FrameworkVersion } from '../contracts/framework';
import { frameworkNotice, type FrameworkNotice } from '../proficiencies/framework-notice';

/** The school's proficiency framework as the pages see it (from the device, refreshed from the server). */
class FrameworkState {
	framework = $state.raw<FrameworkVersion | null>(null);
	schoolId = $state('');
	/** The server has said what the school has (so no framework means the school has none). */
	isAnswered = $state(false);

	/** What to say where proficiencies would be chosen or shown, when there are none to show. */
	get notice(): FrameworkNotice {
		return frameworkNotice(this);
	}

	show(schoolId: string, framework: FrameworkVersion | null, isAnswered = framework !== null): void {
		this.schoolId = schoolId;
		this.framework = framework;
		this.isAnswered = isAnswered;
	}
}

export const frameworkState = new FrameworkState();
