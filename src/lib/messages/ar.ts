import type { Catalogue } from './catalogue';
import { en } from './en';

// PLACEHOLDER until the translation lands: the catalogue test fails while this is English.
export const ar: Catalogue = en;
