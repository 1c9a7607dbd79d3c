import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { extraKeys, missingKeys, type Catalogue } from './catalogue';
import { en } from './en';
import { formatMessage } from './format';
import { loadCatalogue } from './i18n.svelte';
import { LANGUAGES, type Language } from './languages';

const others = LANGUAGES.filter((language) => language.code !== 'en').map((language) => language.code);

/** Every message of a catalogue, by dotted key; questions lists as key[0], key[1]… */
function flatten(tree: unknown, prefix = ''): Map<string, string> {
	const out = new Map<string, string>();
	for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
		if (typeof value === 'string') out.set(prefix + key, value);
		else if (Array.isArray(value)) value.forEach((item, i) => out.set(`${prefix}${key}[${i}]`, String(item)));
		else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
	}
	return out;
}

/** The names a message fills in ({name}, {count, plural, …}), which every translation must keep. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
	for (const element of elements) {
		if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date)
			into.add(element.value);
		if (element.type === TYPE.plural || element.type === TYPE.select) {
			into.add(element.value);
			for (const option of Object.values(element.options)) argumentsOf(option.value, into);
		}
	}
	return into;
}

describe('missingKeys', () => {
	it('names a key that English has and a catalogue lacks, however deep', () => {
		const english = { a: 'A', b: { c: 'C', d: ['Q'] } };
		expect(missingKeys(english, { a: 'x', b: { d: ['q'] } })).toEqual(['b.c']);
		expect(missingKeys(english, { a: ' ', b: { c: 'x', d: [] } })).toEqual(['a', 'b.d']);
		expect(missingKeys(english, { a: 'x', b: { c: 'x', d: ['q'] } })).toEqual([]);
	});

	it('fails for a real catalogue with one key removed', async () => {
		const spanish = structuredClone(await loadCatalogue('es')) as unknown as {
			sync: Record<string, unknown>;
		};
		delete spanish.sync.synced;
		expect(missingKeys(en, spanish)).toEqual(['sync.synced']);
	});
});

describe.each(others)('the %s catalogue', (code: Language) => {
	let catalogue: Catalogue;
	const english = flatten(en);

	it('has every key English has, and no others', async () => {
		catalogue = await loadCatalogue(code);
		expect(missingKeys(en, catalogue)).toEqual([]);
		expect(extraKeys(en, catalogue)).toEqual([]);
	});

	it('is translated, not English left in place', async () => {
		catalogue = await loadCatalogue(code);
		const theirs = flatten(catalogue);
		// A few words stay the same in every language (the app's name, "OneRoster 1.1 CSV").
		const same = [...english].filter(([key, text]) => theirs.get(key) === text && /[a-z]{3}/i.test(text));
		expect(same.length / english.size).toBeLessThan(0.05);
	});

	it('keeps the placeholders of every message, in valid ICU syntax', async () => {
		catalogue = await loadCatalogue(code);
		const theirs = flatten(catalogue);
		const problems: string[] = [];
		for (const [key, text] of english) {
			const translated = theirs.get(key);
			if (translated === undefined || key.includes('[')) continue;
			let ours: Set<string>, their: Set<string>;
			try {
				ours = argumentsOf(parse(text));
				their = argumentsOf(parse(translated));
			} catch (error) {
				problems.push(`${key}: ${(error as Error).message}`);
				continue;
			}
			if ([...ours].sort().join() !== [...their].sort().join())
				problems.push(`${key}: expects {${[...ours].join('}, {')}}, has {${[...their].join('}, {')}}`);
		}
		expect(problems).toEqual([]);
	});
});

describe('formatting', () => {
	it('uses each language’s plural rules', () => {
		expect(formatMessage('en', en.sync.waiting, { count: 1 })).toBe('1 change waiting to be sent');
		expect(formatMessage('en', en.sync.waiting, { count: 3 })).toBe('3 changes waiting to be sent');
		const arabic =
			'{count, plural, zero {لا شيء} one {واحد} two {اثنان} few {# قليل} many {# كثير} other {# آخر}}';
		expect(formatMessage('ar', arabic, { count: 2 })).toBe('اثنان');
		// Digits as the platform writes Arabic numbers (Latin or Arabic-Indic, by CLDR version).
		expect(formatMessage('ar', arabic, { count: 3 })).toBe(`${(3).toLocaleString('ar')} قليل`);
		expect(formatMessage('ar', arabic, { count: 11 })).toBe(`${(11).toLocaleString('ar')} كثير`);
	});

	it('writes numbers with the language’s digits, in placeholders as in plurals', () => {
		const nepali = (n: number) => n.toLocaleString('ne');
		expect(formatMessage('ne', '{met} पूरा', { met: 12 })).toBe(`${nepali(12)} पूरा`);
		expect(nepali(12)).not.toBe('12');
		expect(formatMessage('en', 'Revised in {year}', { year: 2027 })).toBe('Revised in 2027');
		expect(formatMessage('en', 'Hello {name}', { name: '12' })).toBe('Hello 12');
	});

	it('keeps the text readable when a value is missing or a translation is broken', () => {
		expect(formatMessage('en', 'Remove {name}', {})).toBe('Remove {name}');
		expect(formatMessage('es', 'Quitar {name', { name: 'Ana' })).toBe('Quitar {name');
		expect(formatMessage('en', en.editor.removePerson, { name: 'Ana' })).toBe('Remove Ana');
	});
});
