import arabic400 from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2?url';
import arabic700 from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff2?url';
import devanagari400 from '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-400-normal.woff2?url';
import devanagari700 from '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-700-normal.woff2?url';
import type { Language } from './languages';
import { ARABIC, DEVANAGARI, faceSource, type ScriptFont } from './script-font-table';

/**
 * The script font of a language, registered with the page only once the person picks that
 * language: English and Spanish readers never download one. A font already on the device wins
 * (`local()`), `unicode-range` keeps a file from loading until a letter of its script is on the
 * screen, and the service worker precaches the files, so they work offline too.
 */
const BY_LANGUAGE: Partial<Record<Language, { font: ScriptFont; urls: Record<'400' | '700', string> }>> = {
	ne: { font: DEVANAGARI, urls: { '400': devanagari400, '700': devanagari700 } },
	ar: { font: ARABIC, urls: { '400': arabic400, '700': arabic700 } }
};

const added = new Set<Language>();

/** Registers the script font of `code` with the page, once; a no-op for languages in Latin script. */
export function addScriptFont(code: Language): void {
	const entry = BY_LANGUAGE[code];
	if (!entry || added.has(code) || typeof document === 'undefined' || !('fonts' in document)) return;
	added.add(code);
	for (const weight of ['400', '700'] as const) {
		const face = new FontFace(entry.font.family, faceSource(entry.font, entry.urls[weight]), {
			weight,
			style: 'normal',
			display: 'swap',
			unicodeRange: entry.font.unicodeRange
		});
		document.fonts.add(face);
	}
}
