import { registerBlockType } from '@wordpress/blocks';

import metadata from './block.json';
import Edit from './edit';
import type { Attributes } from './types';
import './editor.scss';

// @wordpress/blocks 16.1 types `example.attributes` as attribute definitions
// instead of values, so block.json's (valid) example cannot pass through
// here. Nothing is lost: WordPress bootstraps this block type from the same
// block.json on the server, and that definition, example included, takes
// precedence over the metadata given here.
const { example, ...definition } = metadata;

registerBlockType< Attributes >( definition, {
	edit: Edit,
	// Dynamic block: render.php produces the markup on every request, so
	// nothing is stored in post content.
	save: () => null,
} );
