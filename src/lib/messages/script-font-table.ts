/**
 * The scripts whose letters a cheap Chromebook or an old phone may have no font for: Nepali's
 * Devanagari and Arabic. One subset of Noto Sans (OFL, from Fontsource) per script, regular and
 * bold. The app loads them for the person's language; the exported page carries them when its
 * text uses the script. Svelte-free and Vite-free: the server reads this table too.
 */
export interface ScriptFont {
	family: string;
	/** The npm package that holds the files. */
	package: string;
	/** File names under the package's `files/`, by weight. */
	files: Record<'400' | '700', string>;
	unicodeRange: string;
	/** Finds a letter of the script in a text. */
	letters: RegExp;
}

export const DEVANAGARI: ScriptFont = {
	family: 'Noto Sans Devanagari',
	package: '@fontsource/noto-sans-devanagari',
	files: {
		'400': 'noto-sans-devanagari-devanagari-400-normal.woff2',
		'700': 'noto-sans-devanagari-devanagari-700-normal.woff2'
	},
	unicodeRange:
		'U+0900-097F, U+1CD0-1CF9, U+200C-200D, U+20A8, U+20B9, U+20F0, U+25CC, U+A830-A839, U+A8E0-A8FF, U+11B00-11B09',
	letters: /[\u0900-\u097F]/u
};

export const ARABIC: ScriptFont = {
	family: 'Noto Sans Arabic',
	package: '@fontsource/noto-sans-arabic',
	files: {
		'400': 'noto-sans-arabic-arabic-400-normal.woff2',
		'700': 'noto-sans-arabic-arabic-700-normal.woff2'
	},
	unicodeRange:
		'U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0897-08E1, U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC',
	letters: /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC]/u
};

export const SCRIPT_FONTS: readonly ScriptFont[] = [DEVANAGARI, ARABIC];

/** The `src` of a face: the device's own copy first, else the file at `url`. */
export const faceSource = (font: ScriptFont, url: string) =>
	`local('${font.family}'), url(${url}) format('woff2')`;
