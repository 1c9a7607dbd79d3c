import type { FrameworkVersion } from '../proficiencies/framework';

/** The school's proficiency framework as the pages see it (from the device, refreshed from the server). */
class FrameworkState {
	framework = $state.raw<FrameworkVersion | null>(null);
	schoolId = $state('');

	show(schoolId: string, framework: FrameworkVersion | null): void {
		this.schoolId = schoolId;
		this.framework = framework;
	}
}

export const frameworkState = new FrameworkState();
