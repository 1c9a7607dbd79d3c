import { parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

/**
 * Build step: messages with plurals or other ICU syntax are parsed here, once, into the element
 * trees `intl-messageformat` formats, and the parser itself is left out of the app (FormatJS's
 * documented `no-parser` build: about 7 KB less gzipped JavaScript on every first load). Plain
 * `{name}` messages need no parser at all (see format.ts). Tests and `vite dev` keep the parser.
 */
/** Marks a message the build already parsed: the rest is its elements as JSON (read in format.ts). */
export const PRECOMPILED = '\u0000icu:';

const CATALOGUE = /\/src\/lib\/messages\/(en|es|ar|ne)\.ts$/;
const NEEDS_PARSER = /\{\s*\w+\s*,\s*(?:plural|select|selectordinal|number|date|time)\b/;
const STRING_LITERAL = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g;

/** The catalogue module's source with every ICU message replaced by its precompiled elements. */
export function precompileCatalogue(source: string): { code: string; count: number } {
	let count = 0;
	const code = source.replace(STRING_LITERAL, (literal) => {
		const text = (0, eval)(literal) as string; // our own catalogue's string literal, at build time
		if (!NEEDS_PARSER.test(text)) return literal;
		count++;
		return JSON.stringify(PRECOMPILED + JSON.stringify(parse(text)));
	});
	return { code, count };
}

export function precompileMessages(): Plugin {
	return {
		name: 'pathways:precompile-messages',
		apply: 'build',
		enforce: 'pre',
		config: () => ({
			resolve: {
				alias: [
					{
						find: /^@formatjs\/icu-messageformat-parser$/,
						replacement: '@formatjs/icu-messageformat-parser/no-parser.js'
					}
				]
			}
		}),
		transform(source, id) {
			if (!CATALOGUE.test(id.split('?')[0] ?? '')) return null;
			return { code: precompileCatalogue(source).code, map: null };
		}
	};
}
