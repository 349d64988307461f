import { registerBlockType } from '@wordpress/blocks';

import metadata from './block.json';
import Edit from './edit';
import type { Attributes } from './types';
import './editor.scss';

// As in src/ticket-center/index.tsx: @wordpress/blocks 16.1 types
// `example.attributes` as definitions, and the server's block.json (example
// included) wins anyway.
const { example, ...definition } = metadata;

registerBlockType< Attributes >( definition, {
	edit: Edit,
	// Dynamic block: render.php prints the markup on every request.
	save: () => null,
} );
