import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

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
		// One HTTP client: only lib/sync/http.ts calls fetch (tests may pass their own).
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/lib/sync/http.ts', 'src/**/*.test.ts', 'src/**/*.test.svelte.ts'],
		rules: {
			'no-restricted-globals': [
				'error',
				{ name: 'fetch', message: 'Talk to the server through lib/sync/api.ts (request) or http.ts (send).' }
			]
		}
	},
	{
		// Components and pages never call the network: they call a service in lib/services.
		files: ['src/lib/components/**', 'src/routes/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '(^|/)sync/(api|http|backup-api|catch-up|uploader)$',
							importNames: ['api', 'request', 'send', 'backupApi', 'catchUpPlans', 'uploadFile'],
							message: 'Components call a service in lib/services; services call lib/sync.'
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
