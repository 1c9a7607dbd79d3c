import { describe, expect, it } from 'vitest';
import type { Framework } from '../contracts/framework';
import { linksOf } from './framework-links';

const framework: Framework = {
	scales: [],
	proficiencies: [
		{
			id: 'g-com',
			code: 'COM',
			kind: 'transferable',
			area: '',
			title: 'Communicate',
			indicators: [{ id: 'g-com-2', code: 'COM.2', text: 'Listens' }],
			scaleId: ''
		},
		{
			id: 'g-sci',
			code: 'SCI-A',
			kind: 'graduation',
			area: '',
			title: 'Investigate',
			indicators: [{ id: 'g-sci-3', code: 'SCI-A.3', text: 'Reports findings' }],
			scaleId: ''
		}
	],
	links: [
		{ type: 'isRelatedTo', fromId: 'g-com-2', toId: 'g-sci-3' },
		{
			type: 'exactMatchOf',
			fromId: 'g-sci',
			toId: 'ext-1',
			toTitle: 'State standard 1',
			toUri: 'https://x.test/1'
		},
		{ type: 'precedes', fromId: 'g-sci-3', toId: 'g-com' },
		{ type: 'isPeerOf', fromId: 'g-sci', toId: 'ext-2' }
	]
};

describe('linksOf', () => {
	it('lists the links from a proficiency and its indicators, both ends in words', () => {
		expect(linksOf(framework, framework.proficiencies[0]!)).toEqual([
			{ type: 'isRelatedTo', from: 'COM.2', to: 'SCI-A.3 · Reports findings' }
		]);
		expect(linksOf(framework, framework.proficiencies[1]!)).toEqual([
			{ type: 'exactMatchOf', from: 'SCI-A', to: 'State standard 1', toUri: 'https://x.test/1' },
			{ type: 'precedes', from: 'SCI-A.3', to: 'COM · Communicate' },
			{ type: 'isPeerOf', from: 'SCI-A', to: 'ext-2' }
		]);
		expect(linksOf({ ...framework, links: undefined }, framework.proficiencies[1]!)).toEqual([]);
	});
});
