import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BlockEdit, InspectorControls } from '@wordpress/block-editor';
import { SlotFillProvider } from '@wordpress/components';
import { useState } from '@wordpress/element';

import metadata from '../block.json';
import {
	BLOCK_ICON,
	MAX_WIDTH_PATTERN,
	isValidMaxWidth,
	readEditorStatus,
} from '../edit';
import { MAX_WIDTH_PATTERN as TICKET_CENTER_MAX_WIDTH_PATTERN } from '../../ticket-center/edit';
import type { Attributes } from '../types';
import '../index';

const TITLE = 'Helpdesky Contact Form';
const EXPLANATION =
	'Visitors can send your team a message here. The live form only runs on the published page.';
const SETTINGS_URL =
	'https://example.test/wp-admin/options-general.php?page=helpdesky-block';

const DEFAULTS: Attributes = { contentAlign: 'center', maxWidth: '' };

/**
 * Renders the registered block through the editor's own BlockEdit, selected,
 * with its sidebar slot next to it; attribute changes really apply.
 *
 * @param initial Attributes to start from.
 */
function renderEdit( initial: Partial< Attributes > = {} ) {
	const setAttributes = jest.fn();

	function Harness() {
		const [ attributes, setState ] = useState< Attributes >( {
			...DEFAULTS,
			...initial,
		} );
		return (
			<SlotFillProvider>
				<BlockEdit
					name={ metadata.name }
					clientId="contact-form-test"
					isSelected
					mayDisplayControls
					attributes={ attributes }
					setAttributes={ ( next: Partial< Attributes > ) => {
						setAttributes( next );
						setState( ( previous ) => ( {
							...previous,
							...next,
						} ) );
					} }
				/>
				<div data-testid="sidebar">
					<InspectorControls.Slot />
				</div>
			</SlotFillProvider>
		);
	}

	render( <Harness /> );
	return { setAttributes, user: userEvent.setup() };
}

function blockWrapper(): HTMLElement {
	const wrapper = document.querySelector< HTMLElement >(
		'.block-editor-block-list__block'
	);
	if ( ! wrapper ) {
		throw new Error( 'The block wrapper (useBlockProps) is missing.' );
	}
	return wrapper;
}

function block() {
	return within( blockWrapper() );
}

function sidebar() {
	return within( screen.getByTestId( 'sidebar' ) );
}

afterEach( () => {
	delete window.helpdeskyBlockEditor;
} );

describe( 'placeholder card', () => {
	it( 'shows the title, the explanation and the icon of block.json', () => {
		expect( BLOCK_ICON ).toBe( metadata.icon );
		renderEdit();
		expect( block().getByText( TITLE ) ).toBeInTheDocument();
		expect( block().getByText( EXPLANATION ) ).toBeInTheDocument();
		expect(
			blockWrapper().querySelector( `.dashicons-${ metadata.icon }` )
		).not.toBeNull();
	} );

	it( 'never runs the live form in the editor', () => {
		renderEdit();
		expect( document.querySelector( 'script' ) ).toBeNull();
		expect( document.getElementById( 'hdh-contact-form' ) ).toBeNull();
	} );
} );

describe( 'configuration status', () => {
	it( 'tells an administrator that the Helpdesk ID is configured, and nothing about a secret', () => {
		window.helpdeskyBlockEditor = {
			canManageOptions: true,
			helpdeskIdConfigured: true,
			helpdeskIdProblems: [],
			secretConfigured: false,
			problems: [ 'Set HELPDESKY_HMAC_SECRET.' ],
			settingsUrl: SETTINGS_URL,
		};
		renderEdit();
		expect(
			block().getByText( 'Configuration (shown to administrators only)' )
		).toBeInTheDocument();
		expect(
			block().getByText( 'Helpdesk ID: configured' )
		).toBeInTheDocument();
		// The form needs no secret: its problems are the Ticket Center's.
		expect( block().queryByText( /HMAC secret/ ) ).not.toBeInTheDocument();
		expect(
			block().queryByText( 'Set HELPDESKY_HMAC_SECRET.' )
		).not.toBeInTheDocument();
		expect( block().queryByRole( 'link' ) ).not.toBeInTheDocument();
	} );

	it( 'tells an administrator what is missing and where to fix it', () => {
		window.helpdeskyBlockEditor = {
			canManageOptions: true,
			helpdeskIdConfigured: false,
			helpdeskIdProblems: [ 'Set HELPDESKY_HELPDESK_ID.' ],
			settingsUrl: SETTINGS_URL,
		};
		renderEdit();
		expect(
			block().getByText( 'Helpdesk ID: missing' )
		).toBeInTheDocument();
		expect(
			block().getByText( 'Set HELPDESKY_HELPDESK_ID.' )
		).toBeInTheDocument();
		expect(
			block().getByRole( 'link', { name: /Open the Helpdesky settings/ } )
		).toHaveAttribute( 'href', SETTINGS_URL );
	} );

	it( 'does not turn a non-http settings URL into a link', () => {
		window.helpdeskyBlockEditor = {
			canManageOptions: true,
			helpdeskIdConfigured: false,
			helpdeskIdProblems: [],
			settingsUrl: 'javascript:alert(1)',
		};
		renderEdit();
		expect( block().queryByRole( 'link' ) ).not.toBeInTheDocument();
	} );

	it( 'shows nothing about the configuration to other users', () => {
		window.helpdeskyBlockEditor = { canManageOptions: false };
		renderEdit();
		expect( block().getByText( TITLE ) ).toBeInTheDocument();
		expect( block().queryByText( /Helpdesk ID:/ ) ).not.toBeInTheDocument();
	} );

	const valid = {
		canManageOptions: true,
		helpdeskIdConfigured: false,
		helpdeskIdProblems: [ 'Set HELPDESKY_HELPDESK_ID.' ],
		settingsUrl: 'https://example.test/wp-admin/',
	};

	it( 'reads a well-formed global', () => {
		expect( readEditorStatus( valid ) ).toEqual( {
			helpdeskIdConfigured: false,
			problems: [ 'Set HELPDESKY_HELPDESK_ID.' ],
			settingsUrl: 'https://example.test/wp-admin/',
		} );
	} );

	it.each( [
		[ 'missing', undefined ],
		[ 'null', null ],
		[ 'for a non-administrator', { ...valid, canManageOptions: false } ],
		[ 'with a string flag', { ...valid, helpdeskIdConfigured: 'yes' } ],
		[
			'without the Helpdesk ID problems',
			{ ...valid, helpdeskIdProblems: undefined },
		],
		[
			'with a non-string problem',
			{ ...valid, helpdeskIdProblems: [ 42 ] },
		],
		[ 'with a non-string settings URL', { ...valid, settingsUrl: 7 } ],
	] )( 'treats a global that is %s as unknown', ( _label, source ) => {
		expect( readEditorStatus( source ) ).toBeNull();
	} );
} );

describe( 'layout controls', () => {
	it( 'sets contentAlign from the alignment control, offering the enum of block.json', async () => {
		const { setAttributes, user } = renderEdit();
		const select = sidebar().getByLabelText( 'Content alignment' );
		expect(
			within( select )
				.getAllByRole( 'option' )
				.map( ( option ) => option.getAttribute( 'value' ) )
		).toEqual( metadata.attributes.contentAlign.enum );
		await user.selectOptions( select, 'right' );
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			contentAlign: 'right',
		} );
	} );

	it( 'sets maxWidth and warns only about an invalid width', async () => {
		const { setAttributes, user } = renderEdit();
		const input = sidebar().getByLabelText( 'Maximum width' );
		await user.type( input, '480px' );
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			maxWidth: '480px',
		} );
		expect(
			sidebar().queryByText( /will be ignored/ )
		).not.toBeInTheDocument();
		await user.type( input, ';color:red' );
		expect( sidebar().getByText( /will be ignored/ ) ).toBeInTheDocument();
	} );

	it( "judges widths with the Ticket Center's (and the server's) pattern", () => {
		expect( MAX_WIDTH_PATTERN.source ).toBe(
			TICKET_CENTER_MAX_WIDTH_PATTERN.source
		);
		expect( isValidMaxWidth( '' ) ).toBe( true );
		expect( isValidMaxWidth( '560px' ) ).toBe( true );
		expect( isValidMaxWidth( '0px' ) ).toBe( false );
		expect( isValidMaxWidth( 'var(--w)' ) ).toBe( false );
	} );
} );
