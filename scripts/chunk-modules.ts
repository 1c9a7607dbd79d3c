/**
 * A small Vite plugin: writes `.vite/modules.json` next to the client build's manifest, listing
 * for every chunk the modules in it and how many bytes each adds to the chunk. The first-load
 * bench reads it to say what each dependency costs on each route.
 */
import type { Plugin } from 'vite';

export interface ChunkModules {
	/** Chunk file (as in Vite's manifest) → module id → bytes it renders to in that chunk. */
	[file: string]: Record<string, number>;
}

export function chunkModules(): Plugin {
	return {
		name: 'pathways-chunk-modules',
		apply: 'build',
		generateBundle(_options, bundle) {
			if (this.environment?.name !== 'client') return;
			const chunks: ChunkModules = {};
			for (const output of Object.values(bundle)) {
				if (output.type !== 'chunk') continue;
				chunks[output.fileName] = Object.fromEntries(
					Object.entries(output.modules).map(([id, module]) => [id, module.renderedLength])
				);
			}
			this.emitFile({ type: 'asset', fileName: '.vite/modules.json', source: JSON.stringify(chunks) });
		}
	};
}
