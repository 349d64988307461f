import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { MAX_WIDTH_PATTERN, isValidMaxWidth } from '../layout-panel';

describe( 'the shared width rule', () => {
	it( 'is the pattern the server applies (includes/signing.php)', () => {
		const php = readFileSync(
			join( __dirname, '..', '..', '..', 'includes', 'signing.php' ),
			'utf8'
		);
		// const MAX_WIDTH_PATTERN = '/…/D'; in PHP: the part between the slashes.
		const match = /const MAX_WIDTH_PATTERN = '\/(.+)\/D';/.exec( php );
		expect( match?.[ 1 ] ).toBe( MAX_WIDTH_PATTERN.source );
	} );

	it.each( [
		[ '', true ],
		[ '864px', true ],
		[ '48.5rem', true ],
		[ '100%', true ],
		[ '0px', false ],
		[ '12345px', false ],
		[ 'var(--width)', false ],
		[ '864', false ],
	] )( '%p is valid: %p', ( value, expected ) => {
		expect( isValidMaxWidth( value ) ).toBe( expected );
	} );
} );
