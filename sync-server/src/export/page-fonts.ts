/**
 * The exported page is opened years later, on any device, with no network: it carries the font of
 * each script its text uses (see src/lib/messages/script-font-table.ts), next to index.html, so a
 * Nepali or Arabic plan never turns into empty boxes on a device without those fonts.
 */
import { createRequire } from 'node:module';
import { SCRIPT_FONTS, faceSource, type ScriptFont } from '../../../src/lib/messages/script-font-table';

const require = createRequire(import.meta.url);

export interface PageFontFile {
	/** Where the file sits in the archive, next to index.html. */
	path: string;
	/** The file on this server. */
	source: string;
}

const archivePath = (name: string) => `fonts/${name}`;

/** The script fonts `text` needs. */
export const fontsFor = (text: string): ScriptFont[] =>
	SCRIPT_FONTS.filter((font) => font.letters.test(text));

/** The @font-face rules for `fonts`, pointing into the archive's fonts/ folder. */
export function fontFaceCss(fonts: ScriptFont[]): string {
	return fonts
		.flatMap((font) =>
			(['400', '700'] as const).map(
				(weight) =>
					`@font-face { font-family: '${font.family}'; font-weight: ${weight}; font-display: swap; src: ${faceSource(font, archivePath(font.files[weight]))}; unicode-range: ${font.unicodeRange}; }`
			)
		)
		.join('\n');
}

/**
 * The font stack of the page: the carried fonts first (their unicode-range leaves every other
 * letter to the device's fonts), because system-ui on Linux claims letters it cannot draw.
 */
export const pageFontStack = (fonts: ScriptFont[]) =>
	[...fonts.map((font) => `'${font.family}'`), 'system-ui', 'sans-serif'].join(', ');

/** The files to put in the archive for `fonts`. */
export function fontFiles(fonts: ScriptFont[]): PageFontFile[] {
	return fonts.flatMap((font) =>
		(['400', '700'] as const).map((weight) => ({
			path: archivePath(font.files[weight]),
			source: require.resolve(`${font.package}/files/${font.files[weight]}`)
		}))
	);
}
