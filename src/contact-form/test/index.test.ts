import {
	createBlock,
	getBlockType,
	getSaveElement,
	serialize,
} from '@wordpress/blocks';

import metadata from '../block.json';
import Edit from '../edit';
import '../index';

describe( 'block registration', () => {
	const blockType = getBlockType( metadata.name );

	it( 'registers helpdesky/contact-form with the Edit component', () => {
		expect( blockType ).toBeDefined();
		expect( blockType?.edit ).toBe( Edit );
	} );

	it( 'saves nothing, so the markup always comes from render.php', () => {
		expect(
			getSaveElement( metadata.name, {
				contentAlign: 'left',
				maxWidth: '600px',
			} )
		).toBeNull();
		expect( serialize( createBlock( metadata.name ) ) ).toBe(
			'<!-- wp:helpdesky/contact-form /-->'
		);
	} );

	it( 'registers every attribute exactly as block.json defines it', () => {
		for ( const [ name, definition ] of Object.entries(
			metadata.attributes
		) ) {
			expect( blockType?.attributes[ name ] ).toEqual( definition );
		}
	} );

	it( 'registers the supports, keywords, title, category and icon of block.json', () => {
		expect( blockType?.supports ).toEqual( metadata.supports );
		expect( blockType?.keywords ).toEqual( metadata.keywords );
		expect( blockType?.title ).toBe( metadata.title );
		expect( blockType?.category ).toBe( metadata.category );
		expect( blockType?.icon.src ).toBe( metadata.icon );
	} );
} );
