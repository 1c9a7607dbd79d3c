import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import { builtinModules } from 'node:module';
import svelteConfig from './svelte.config.js';

// The app runs in a browser: its TypeScript project cannot hide Node's types (SvelteKit's types
// load Vite's, which load @types/node), so lint keeps Node out of src/ instead.
const NODE_MESSAGE =
	'The app runs in a browser: no Node globals or modules in src/ (tests and lib/testing aside).';
const NODE_GLOBALS = [
	'process',
	'Buffer',
	'global',
	'__dirname',
	'__filename',
	'require',
	'setImmediate'
].map((name) => ({ name, message: NODE_MESSAGE }));
const NODE_IMPORTS = {
	regex: `^(node:.*|${builtinModules.filter((name) => !name.includes('/')).join('|')})(/.*)?$`,
	message: NODE_MESSAGE
};

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'test-results/',
			'playwright-report/',
			'bench/out/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			// An unawaited promise is how edits get lost silently: every promise is awaited or handled.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { parser: ts.parser, svelteConfig }
		}
	},
	{
		// One HTTP client: only lib/sync/http.ts calls fetch (tests and lib/testing may call it themselves).
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/lib/sync/http.ts', 'src/**/*.test.ts', 'src/**/*.test.svelte.ts', 'src/lib/testing/**'],
		rules: {
			'no-restricted-globals': [
				'error',
				{ name: 'fetch', message: 'Talk to the server through lib/sync/api.ts (request) or http.ts (send).' },
				...NODE_GLOBALS
			],
			'no-restricted-imports': ['error', { patterns: [NODE_IMPORTS] }]
		}
	},
	// The layers, as law (issue 15). Components and routes read state (lib/state) and call
	// services (lib/services); only those reach the network (lib/sync) and the device (lib/local).
	{
		files: ['src/lib/components/**', 'src/routes/**'],
		ignores: ['src/**/*.test.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '(^\\$lib/|^(\\.\\.?/)+(lib/)?)(sync|local)/',
							allowTypeImports: true,
							message:
								'Components and routes read lib/state and call lib/services; only those talk to lib/sync and lib/local.'
						}
					]
				}
			]
		}
	},
	// The shared model and the contracts: plain TypeScript that the app, the server, the tests and
	// the benchmarks all run. No Svelte, no browser storage or DOM, no server, no Node.
	{
		files: ['src/lib/plp/**', 'src/lib/contracts/**'],
		ignores: ['src/**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex:
								'^svelte($|/)|\\.svelte(\\.ts)?$|^\\$app/|^\\$lib/|^(\\.\\./)+(state|sync|local|components|services|pwa|routes)/|^(dexie|y-indexeddb)$|^node:|sync-server',
							message:
								'lib/plp and lib/contracts are shared by the app and the server: no Svelte, browser storage, app layers, server or Node code.'
						},
						NODE_IMPORTS
					]
				}
			],
			'no-restricted-globals': [
				'error',
				...['window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'navigator', 'fetch'].map(
					(name) => ({ name, message: 'The shared model runs on the server too: no browser globals.' })
				),
				...NODE_GLOBALS
			]
		}
	},
	// The server takes only the shared model, the contracts and the words from the app.
	{
		files: ['sync-server/src/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '(^|/)src/lib/(?!(plp|contracts|messages)/)|^\\$lib/|^svelte($|/)',
							message:
								'The server imports from the app only src/lib/plp (the model), src/lib/contracts and src/lib/messages.'
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
		...ts.configs.disableTypeChecked
	}
);
