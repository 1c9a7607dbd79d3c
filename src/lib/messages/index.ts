export {
	format,
	formatBytes,
	formatDate,
	formatDateTime,
	formatTime,
	language,
	optionLabel,
	setLanguage,
	startLanguage,
	t
} from './i18n.svelte';
export { LANGUAGES, type Language } from './languages';
