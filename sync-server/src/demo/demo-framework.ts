/**
 * The demo school's proficiency framework: four clearly fictional proficiencies (two graduation
 * requirements, two transferable skills), each with a few performance indicators, on one
 * four-level scale. Small on purpose: enough for the progress pickers and the growth charts to
 * show something real on first start. Seeded as the school's version 1 (see server.ts).
 */
import type { Framework } from '../../../src/lib/contracts/framework';

export const DEMO_SCALE_ID = 'mr-growth';

export const DEMO_FRAMEWORK: Framework = {
	proficiencies: [
		{
			id: 'MR-INQ',
			kind: 'graduation',
			area: 'Science and inquiry',
			title: 'Ask questions and look for answers (fictional)',
			scaleId: DEMO_SCALE_ID,
			indicators: [
				{ id: 'MR-INQ.1', text: 'Asks a question that can be tested' },
				{ id: 'MR-INQ.2', text: 'Gathers information and notes where it came from' },
				{ id: 'MR-INQ.3', text: 'Explains what the results show, and what they do not' }
			]
		},
		{
			id: 'MR-WRI',
			kind: 'graduation',
			area: 'Writing',
			title: 'Write so that others understand (fictional)',
			scaleId: DEMO_SCALE_ID,
			indicators: [
				{ id: 'MR-WRI.1', text: 'States a clear main idea' },
				{ id: 'MR-WRI.2', text: 'Backs up ideas with evidence' }
			]
		},
		{
			id: 'MR-COL',
			kind: 'transferable',
			area: 'Working together',
			title: 'Work well with others (fictional)',
			scaleId: DEMO_SCALE_ID,
			indicators: [
				{ id: 'MR-COL.1', text: 'Does a fair share of the work and keeps promises to the group' },
				{ id: 'MR-COL.2', text: 'Listens and builds on the ideas of others' }
			]
		},
		{
			id: 'MR-SEL',
			kind: 'transferable',
			area: 'Self-direction',
			title: 'Plan and manage my own learning (fictional)',
			scaleId: DEMO_SCALE_ID,
			indicators: [
				{ id: 'MR-SEL.1', text: 'Sets goals and checks how they are going' },
				{ id: 'MR-SEL.2', text: 'Asks for help when it is needed' },
				{ id: 'MR-SEL.3', text: 'Looks back and changes what is not working' }
			]
		}
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
