import metadata from '../block.json';
import type {
	Attributes,
	ContentAlign,
	DeliveryMode,
	LoggedOutShows,
} from '../types';

// The annotated return type makes TypeScript reject a missing or an unknown
// key, so this object always has exactly the keys of Attributes.
function attributeDefaults(): Attributes {
	return {
		contentAlign: 'center',
		maxWidth: '',
		loggedOutMessage: '',
		showLoginLink: true,
		loggedOutShows: 'prompt',
		deliveryMode: 'inline',
	};
}

// Same trick for the union: a Record over it must name every member.
const CONTENT_ALIGNS: Record< ContentAlign, null > = {
	center: null,
	left: null,
	right: null,
};

const LOGGED_OUT_SHOWS: Record< LoggedOutShows, null > = {
	prompt: null,
	form: null,
	both: null,
};

const DELIVERY_MODES: Record< DeliveryMode, null > = {
	inline: null,
	'cache-proof': null,
};

describe( 'Attributes type and block.json', () => {
	it( 'has exactly the attributes block.json declares', () => {
		expect( Object.keys( attributeDefaults() ).sort() ).toEqual(
			Object.keys( metadata.attributes ).sort()
		);
	} );

	it( 'uses the defaults block.json declares', () => {
		const jsonDefaults = Object.fromEntries(
			Object.entries( metadata.attributes ).map(
				( [ name, definition ] ) => [ name, definition.default ]
			)
		);
		expect( attributeDefaults() ).toEqual( jsonDefaults );
	} );

	it( 'uses the JSON types block.json declares', () => {
		const typesFromTs = Object.fromEntries(
			Object.entries( attributeDefaults() ).map( ( [ name, value ] ) => [
				name,
				typeof value,
			] )
		);
		const typesFromJson = Object.fromEntries(
			Object.entries( metadata.attributes ).map(
				( [ name, definition ] ) => [ name, definition.type ]
			)
		);
		expect( typesFromTs ).toEqual( typesFromJson );
	} );

	it( 'gives the content role to what logged-out visitors see only', () => {
		// WordPress 7.0+ lets editors change these inside a pattern without
		// "Edit pattern"; layout and delivery stay the pattern's.
		const contentAttributes = Object.entries( metadata.attributes )
			.filter(
				( [ , definition ] ) =>
					'role' in definition && definition.role === 'content'
			)
			.map( ( [ name ] ) => name );
		expect( contentAttributes.sort() ).toEqual( [
			'loggedOutMessage',
			'loggedOutShows',
			'showLoginLink',
		] );
	} );

	it( 'lists the same deliveryMode values as the block.json enum', () => {
		expect( Object.keys( DELIVERY_MODES ).sort() ).toEqual(
			[ ...metadata.attributes.deliveryMode.enum ].sort()
		);
	} );

	it( 'lists the same loggedOutShows values as the block.json enum', () => {
		expect( Object.keys( LOGGED_OUT_SHOWS ).sort() ).toEqual(
			[ ...metadata.attributes.loggedOutShows.enum ].sort()
		);
	} );

	it( 'lists the same contentAlign values as the block.json enum', () => {
		expect( Object.keys( CONTENT_ALIGNS ).sort() ).toEqual(
			[ ...metadata.attributes.contentAlign.enum ].sort()
		);
	} );
} );
