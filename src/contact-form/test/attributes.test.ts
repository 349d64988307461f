import metadata from '../block.json';
import ticketCenter from '../../ticket-center/block.json';
import type { Attributes, ContentAlign } from '../types';

// The annotated return type makes TypeScript reject a missing or an unknown
// key, so this object always has exactly the keys of Attributes.
function attributeDefaults(): Attributes {
	return {
		contentAlign: 'center',
		maxWidth: '',
	};
}

const CONTENT_ALIGNS: Record< ContentAlign, null > = {
	center: null,
	left: null,
	right: null,
};

describe( 'Attributes type and block.json', () => {
	it( 'has exactly the attributes block.json declares', () => {
		expect( Object.keys( attributeDefaults() ).sort() ).toEqual(
			Object.keys( metadata.attributes ).sort()
		);
	} );

	it( 'uses the defaults and JSON types block.json declares', () => {
		for ( const [ name, definition ] of Object.entries(
			metadata.attributes
		) ) {
			const value = attributeDefaults()[ name as keyof Attributes ];
			expect( value ).toEqual( definition.default );
			expect( typeof value ).toBe( definition.type );
		}
	} );

	it( 'lists the same contentAlign values as the block.json enum', () => {
		expect( Object.keys( CONTENT_ALIGNS ).sort() ).toEqual(
			[ ...metadata.attributes.contentAlign.enum ].sort()
		);
	} );

	it( "defines contentAlign and maxWidth exactly as the Ticket Center's", () => {
		expect( metadata.attributes.contentAlign ).toEqual(
			ticketCenter.attributes.contentAlign
		);
		expect( metadata.attributes.maxWidth ).toEqual(
			ticketCenter.attributes.maxWidth
		);
	} );

	it( 'allows one Contact Form per page and no HTML editing', () => {
		expect( metadata.apiVersion ).toBe( 3 );
		expect( metadata.supports.multiple ).toBe( false );
		expect( metadata.supports.html ).toBe( false );
		expect( metadata.textdomain ).toBe( 'helpdesky-block' );
	} );
} );
