/**
 * The demo school's proficiency framework: four clearly fictional proficiencies (two graduation
 * requirements, two transferable skills), each with a few performance indicators, on one
 * four-level scale. Small on purpose: enough for the progress pickers and the growth charts to
 * show something real on first start. Seeded as the school's version 1 (see server.ts).
 */
import type { Framework, Proficiency } from '../../../src/lib/contracts/framework';

export const DEMO_SCALE_ID = 'mr-growth';

/** A proficiency on the demo scale; its indicators are numbered `${id}.1`, `${id}.2`, … */
function proficiency(
	id: string,
	kind: Proficiency['kind'],
	area: string,
	title: string,
	indicators: string[]
): Proficiency {
	return {
		id,
		kind,
		area,
		title,
		scaleId: DEMO_SCALE_ID,
		indicators: indicators.map((text, index) => ({ id: `${id}.${index + 1}`, text }))
	};
}

export const DEMO_FRAMEWORK: Framework = {
	proficiencies: [
		proficiency(
			'MR-INQ',
			'graduation',
			'Science and inquiry',
			'Ask questions and look for answers (fictional)',
			[
				'Asks a question that can be tested',
				'Gathers information and notes where it came from',
				'Explains what the results show, and what they do not'
			]
		),
		proficiency('MR-WRI', 'graduation', 'Writing', 'Write so that others understand (fictional)', [
			'States a clear main idea',
			'Backs up ideas with evidence'
		]),
		proficiency('MR-COL', 'transferable', 'Working together', 'Work well with others (fictional)', [
			'Does a fair share of the work and keeps promises to the group',
			'Listens and builds on the ideas of others'
		]),
		proficiency('MR-SEL', 'transferable', 'Self-direction', 'Plan and manage my own learning (fictional)', [
			'Sets goals and checks how they are going',
			'Asks for help when it is needed',
			'Looks back and changes what is not working'
		])
	],
	scales: [
		{
			id: DEMO_SCALE_ID,
			name: 'Maple Ridge growth scale (fictional)',
			levels: [
				{ value: 1, label: 'Beginning', description: 'Starting to show this, with a lot of help' },
				{ value: 2, label: 'Developing', description: 'Shows parts of this, with some help' },
				{ value: 3, label: 'Proficient', description: 'Shows this on my own' },
				{ value: 4, label: 'Extending', description: 'Shows this in new and harder situations' }
			]
		}
	]
};
