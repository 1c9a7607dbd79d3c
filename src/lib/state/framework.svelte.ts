import type { FrameworkVersion } from '../proficiencies/framework';

/** The school's proficiency framework as the pages see it (from the device, refreshed from the server). */
class FrameworkState {
	framework = $state.raw<FrameworkVersion | null>(null);
	schoolId = $state('');
	/** The server has said what the school has (so no framework means the school has none). */
	isAnswered = $state(false);

	show(schoolId: string, framework: FrameworkVersion | null, isAnswered = framework !== null): void {
		this.schoolId = schoolId;
		this.framework = framework;
		this.isAnswered = isAnswered;
	}
}

export const frameworkState = new FrameworkState();
