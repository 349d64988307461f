import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BlockEdit, InspectorControls } from '@wordpress/block-editor';
import { Slot, SlotFillProvider } from '@wordpress/components';
import { useState } from '@wordpress/element';
import ServerSideRender from '@wordpress/server-side-render';

import metadata from '../block.json';
import {
	BLOCK_ICON,
	PreviewEmpty,
	PreviewError,
	PreviewLoading,
	isValidMaxWidth,
	readEditorStatus,
} from '../edit';
import type { Attributes } from '../types';
import '../index';

// ServerSideRender fetches /wp/v2/block-renderer; the test only needs to
// see which request the editor would make.
jest.mock( '@wordpress/server-side-render', () => ( {
	__esModule: true,
	default: jest.fn( () => null ),
} ) );
const serverSideRender = jest.mocked( ServerSideRender );

const TITLE = 'Helpdesky Ticket Center';
const EXPLANATION =
	'Signed-in users see their support conversations here. The live Ticket Center only runs on the published page.';

const DEFAULTS: Attributes = {
	contentAlign: 'center',
	maxWidth: '',
	loggedOutMessage: '',
	showLoginLink: true,
	loggedOutShows: 'prompt',
	deliveryMode: 'inline',
};

/**
 * Renders the registered block through the editor's own BlockEdit, as a
 * selected block, with its sidebar slot next to it. Attributes really
 * change, so the editor re-renders as it would in WordPress.
 *
 * @param initial Attributes to start from.
 * @param mode    'default', or 'contentOnly': the block inside a pattern
 *                (WordPress 7.0+), where the sidebar shows only its content
 *                group.
 */
function renderEdit(
	initial: Partial< Attributes > = {},
	mode: 'default' | 'contentOnly' = 'default'
) {
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
					clientId="ticket-center-test"
					isSelected
					mayDisplayControls={ mode === 'default' }
					mayDisplayPatternEditingControls={ mode === 'contentOnly' }
					blockEditingMode={ mode }
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
				<div data-testid="sidebar-content">
					{ /* The content group's slot (<InspectorControls.Slot group="content" />,
					which @types/wordpress__block-editor does not know yet). */ }
					<Slot name="InspectorControlsContent" />
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

// Queries are scoped: @wordpress/a11y mirrors notices and placeholder
// instructions into live regions that outlive each test.
function block() {
	return within( blockWrapper() );
}

function sidebar() {
	return within( screen.getByTestId( 'sidebar' ) );
}

afterEach( () => {
	delete window.helpdeskyBlockEditor;
	serverSideRender.mockReset();
} );

describe( 'placeholder card', () => {
	it( 'shows the title and the explanation inside the block wrapper', () => {
		renderEdit();
		expect( block().getByText( TITLE ) ).toBeInTheDocument();
		expect( block().getByText( EXPLANATION ) ).toBeInTheDocument();
	} );

	it( 'shows the icon of block.json', () => {
		expect( BLOCK_ICON ).toBe( metadata.icon );
		renderEdit();
		expect(
			blockWrapper().querySelector( `.dashicons-${ metadata.icon }` )
		).not.toBeNull();
	} );

	it( 'never renders the live Ticket Center or the server preview', () => {
		renderEdit();
		expect( serverSideRender ).not.toHaveBeenCalled();
		expect( document.querySelector( 'script' ) ).toBeNull();
		expect( document.getElementById( 'hdh-ticket-center' ) ).toBeNull();
	} );
} );

describe( 'configuration status', () => {
	const SETTINGS_URL =
		'https://example.test/wp-admin/options-general.php?page=helpdesky-block';

	it( 'tells an administrator that everything is configured', () => {
		window.helpdeskyBlockEditor = {
			canManageOptions: true,
			helpdeskIdConfigured: true,
			secretConfigured: true,
			problems: [],
			settingsUrl: SETTINGS_URL,
		};
		renderEdit();
		expect(
			block().getByText( 'Configuration (shown to administrators only)' )
		).toBeInTheDocument();
		expect(
			block().getByText( 'Helpdesk ID: configured' )
		).toBeInTheDocument();
		expect(
			block().getByText( 'HMAC secret: configured' )
		).toBeInTheDocument();
		expect( block().queryByRole( 'link' ) ).not.toBeInTheDocument();
	} );

	it( 'tells an administrator what is missing and where to fix it', () => {
		window.helpdeskyBlockEditor = {
			canManageOptions: true,
			helpdeskIdConfigured: false,
			secretConfigured: false,
			problems: [
				'Set HELPDESKY_HELPDESK_ID.',
				'Set HELPDESKY_HMAC_SECRET.',
			],
			settingsUrl: SETTINGS_URL,
		};
		renderEdit();
		expect(
			block().getByText( 'Helpdesk ID: missing' )
		).toBeInTheDocument();
		expect(
			block().getByText( 'HMAC secret: missing' )
		).toBeInTheDocument();
		expect(
			block().getByText( 'Set HELPDESKY_HELPDESK_ID.' )
		).toBeInTheDocument();
		expect(
			block().getByText( 'Set HELPDESKY_HMAC_SECRET.' )
		).toBeInTheDocument();
		expect(
			block().getByRole( 'link', { name: /Open the Helpdesky settings/ } )
		).toHaveAttribute( 'href', SETTINGS_URL );
	} );

	it( 'links to the settings when only a problem is reported', () => {
		window.helpdeskyBlockEditor = {
			canManageOptions: true,
			helpdeskIdConfigured: true,
			secretConfigured: true,
			problems: [ 'The secret does not look like a Helpdesky secret.' ],
			settingsUrl: SETTINGS_URL,
		};
		renderEdit();
		expect(
			block().getByText(
				'The secret does not look like a Helpdesky secret.'
			)
		).toBeInTheDocument();
		expect(
			block().getByRole( 'link', { name: /Open the Helpdesky settings/ } )
		).toHaveAttribute( 'href', SETTINGS_URL );
	} );

	it( 'shows nothing about the configuration to other users', () => {
		window.helpdeskyBlockEditor = {
			canManageOptions: false,
			helpdeskIdConfigured: false,
			secretConfigured: false,
			problems: [ 'Set HELPDESKY_HMAC_SECRET.' ],
			settingsUrl: SETTINGS_URL,
		};
		renderEdit();
		expect( block().getByText( TITLE ) ).toBeInTheDocument();
		expect( block().queryByText( /Helpdesk ID:/ ) ).not.toBeInTheDocument();
		expect( block().queryByText( /HMAC secret:/ ) ).not.toBeInTheDocument();
		expect(
			block().queryByText( 'Set HELPDESKY_HMAC_SECRET.' )
		).not.toBeInTheDocument();
		expect( block().queryByRole( 'link' ) ).not.toBeInTheDocument();
	} );

	it( 'shows nothing about the configuration when PHP printed no status', () => {
		renderEdit();
		expect( block().getByText( TITLE ) ).toBeInTheDocument();
		expect( block().queryByText( /Helpdesk ID:/ ) ).not.toBeInTheDocument();
		expect( block().queryByText( /HMAC secret:/ ) ).not.toBeInTheDocument();
	} );

	it( 'does not turn a non-http settings URL into a link', () => {
		window.helpdeskyBlockEditor = {
			canManageOptions: true,
			helpdeskIdConfigured: false,
			secretConfigured: true,
			problems: [],
			settingsUrl: 'javascript:alert(1)',
		};
		renderEdit();
		expect(
			block().getByText( 'Helpdesk ID: missing' )
		).toBeInTheDocument();
		expect( block().queryByRole( 'link' ) ).not.toBeInTheDocument();
	} );
} );

describe( 'readEditorStatus', () => {
	const valid = {
		canManageOptions: true,
		helpdeskIdConfigured: true,
		secretConfigured: false,
		problems: [ 'Set HELPDESKY_HMAC_SECRET.' ],
		settingsUrl: 'https://example.test/wp-admin/',
	};

	it( 'returns the status of a well-formed global for an administrator', () => {
		expect( readEditorStatus( valid ) ).toEqual( {
			helpdeskIdConfigured: true,
			secretConfigured: false,
			problems: [ 'Set HELPDESKY_HMAC_SECRET.' ],
			settingsUrl: 'https://example.test/wp-admin/',
		} );
	} );

	it.each( [
		[ 'missing', undefined ],
		[ 'null', null ],
		[ 'a string', 'configured' ],
		[ 'an array', [ valid ] ],
		[ 'for a non-administrator', { ...valid, canManageOptions: false } ],
		[
			'with a truthy non-boolean capability',
			{ ...valid, canManageOptions: 1 },
		],
		[ 'without the capability', { ...valid, canManageOptions: undefined } ],
		[ 'with a string flag', { ...valid, helpdeskIdConfigured: 'yes' } ],
		[
			'without the secret flag',
			{ ...valid, secretConfigured: undefined },
		],
		[ 'with problems not in a list', { ...valid, problems: 'broken' } ],
		[ 'with a non-string problem', { ...valid, problems: [ 'ok', 42 ] } ],
		[ 'with a non-string settings URL', { ...valid, settingsUrl: 7 } ],
	] )( 'treats a global that is %s as unknown', ( _label, source ) => {
		expect( readEditorStatus( source ) ).toBeNull();
	} );
} );

describe( 'layout controls', () => {
	it( 'sets contentAlign from the alignment control', async () => {
		const { setAttributes, user } = renderEdit();
		await user.selectOptions(
			sidebar().getByLabelText( 'Content alignment' ),
			'left'
		);
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			contentAlign: 'left',
		} );
	} );

	it( 'offers exactly the alignments block.json allows', () => {
		renderEdit();
		const options = within(
			sidebar().getByLabelText( 'Content alignment' )
		).getAllByRole( 'option' );
		expect(
			options.map( ( option ) => option.getAttribute( 'value' ) )
		).toEqual( metadata.attributes.contentAlign.enum );
	} );

	it( 'sets maxWidth as typed and accepts a valid width silently', async () => {
		const { setAttributes, user } = renderEdit();
		await user.type( sidebar().getByLabelText( 'Maximum width' ), '720px' );
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			maxWidth: '720px',
		} );
		expect(
			sidebar().queryByText( /will be ignored/ )
		).not.toBeInTheDocument();
	} );

	it( 'warns that an invalid width will be ignored', async () => {
		const { setAttributes, user } = renderEdit();
		await user.type( sidebar().getByLabelText( 'Maximum width' ), 'wide' );
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			maxWidth: 'wide',
		} );
		expect( sidebar().getByText( /will be ignored/ ) ).toBeInTheDocument();
	} );

	it( 'warns about an invalid width already saved in the block', () => {
		renderEdit( { maxWidth: 'calc(100% - 2rem)' } );
		expect( sidebar().getByText( /will be ignored/ ) ).toBeInTheDocument();
	} );

	it.each( [
		[ '', true ],
		[ '864px', true ],
		[ '60rem', true ],
		[ '100%', true ],
		[ '1234.56vw', true ],
		[ '1.5em', true ],
		[ '80ch', true ],
		[ '0px', false ],
		[ '0.00%', false ],
		[ '12345px', false ],
		[ '1.234em', false ],
		[ '864', false ],
		[ '864PX', false ],
		[ ' 864px', false ],
		[ '864px ', false ],
		[ '864px\n', false ],
		[ '-10px', false ],
		[ 'var(--width)', false ],
		[ '100px;color:red', false ],
	] )( 'judges maxWidth %p as valid: %p', ( value, expected ) => {
		expect( isValidMaxWidth( value ) ).toBe( expected );
	} );
} );

describe( 'logged-out visitor controls', () => {
	it( 'sets loggedOutMessage and shows the default text as placeholder', async () => {
		const { setAttributes, user } = renderEdit();
		const message = sidebar().getByLabelText( 'Message' );
		expect( message ).toHaveAttribute(
			'placeholder',
			'Please log in to see your support conversations.'
		);
		await user.type( message, 'Sign in first.' );
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			loggedOutMessage: 'Sign in first.',
		} );
	} );

	it( 'offers the login prompt, the Contact Form or both, prompt first', async () => {
		const { setAttributes, user } = renderEdit();
		const select = sidebar().getByLabelText( 'Show' );
		expect( select ).toHaveValue( 'prompt' );
		expect(
			within( select )
				.getAllByRole( 'option' )
				.map( ( option ) => option.getAttribute( 'value' ) )
		).toEqual( metadata.attributes.loggedOutShows.enum );
		await user.selectOptions( select, 'both' );
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			loggedOutShows: 'both',
		} );
		await user.selectOptions( select, 'form' );
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			loggedOutShows: 'form',
		} );
	} );

	it( 'turns the login link off and on', async () => {
		const { setAttributes, user } = renderEdit();
		const toggle = sidebar().getByLabelText( 'Show a login link' );
		expect( toggle ).toBeChecked();
		await user.click( toggle );
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			showLoginLink: false,
		} );
		await user.click( toggle );
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			showLoginLink: true,
		} );
	} );
} );

describe( 'inside a content-only pattern (WordPress 7.0+)', () => {
	function contentGroup() {
		return within( screen.getByTestId( 'sidebar-content' ) );
	}

	it( 'offers the logged-out prompt, and only it, in the content group', async () => {
		const { setAttributes, user } = renderEdit( {}, 'contentOnly' );
		await user.type(
			contentGroup().getByLabelText( 'Message' ),
			'Members only.'
		);
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			loggedOutMessage: 'Members only.',
		} );
		await user.click(
			contentGroup().getByLabelText( 'Show a login link' )
		);
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			showLoginLink: false,
		} );
		await user.selectOptions(
			contentGroup().getByLabelText( 'Show' ),
			'both'
		);
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			loggedOutShows: 'both',
		} );
		expect(
			contentGroup().getByLabelText( 'Preview as a logged-out visitor' )
		).toBeInTheDocument();
		// Layout and delivery are the pattern's: reachable with "Edit pattern".
		expect(
			screen.queryByLabelText( 'Content alignment' )
		).not.toBeInTheDocument();
		expect( screen.queryByLabelText( 'Delivery' ) ).not.toBeInTheDocument();
	} );

	it( 'keeps every control in the default group elsewhere', () => {
		renderEdit();
		expect( sidebar().getByLabelText( 'Message' ) ).toBeInTheDocument();
		expect(
			within( screen.getByTestId( 'sidebar-content' ) ).queryByLabelText(
				'Message'
			)
		).not.toBeInTheDocument();
	} );
} );

describe( 'logged-out preview', () => {
	// Stands in for what render.php returns to a logged-out visitor.
	function mockPreviewMarkup() {
		serverSideRender.mockImplementation( () => (
			<a href="https://example.test/wp-login.php">Log in</a>
		) );
	}

	it( 'switches the block to a server render of the logged-out view', async () => {
		mockPreviewMarkup();
		const { setAttributes, user } = renderEdit( {
			contentAlign: 'right',
			loggedOutMessage: 'Members only.',
		} );

		await user.click(
			sidebar().getByLabelText( 'Preview as a logged-out visitor' )
		);

		expect( block().queryByText( TITLE ) ).not.toBeInTheDocument();
		expect( serverSideRender ).toHaveBeenCalled();
		const props = serverSideRender.mock.lastCall?.[ 0 ];
		expect( props ).toMatchObject( {
			block: 'helpdesky/ticket-center',
			attributes: {
				...DEFAULTS,
				contentAlign: 'right',
				loggedOutMessage: 'Members only.',
			},
			urlQueryArgs: { helpdesky_block_preview: 'logged-out' },
			skipBlockSupportAttributes: true,
		} );
		expect( props?.LoadingResponsePlaceholder ).toBe( PreviewLoading );
		expect( props?.ErrorResponsePlaceholder ).toBe( PreviewError );
		expect( props?.EmptyResponsePlaceholder ).toBe( PreviewEmpty );

		// Editor-only state: previewing must not change the saved block.
		expect( setAttributes ).not.toHaveBeenCalled();
	} );

	it( 'keeps the preview inside the block wrapper, with its links disabled', async () => {
		mockPreviewMarkup();
		const { user } = renderEdit();
		await user.click(
			sidebar().getByLabelText( 'Preview as a logged-out visitor' )
		);

		const link = block().getByText( 'Log in' );
		expect( link.closest( '[inert]' ) ).not.toBeNull();
	} );

	it( 'returns to the placeholder card when switched off', async () => {
		const { user } = renderEdit();
		const toggle = sidebar().getByLabelText(
			'Preview as a logged-out visitor'
		);
		await user.click( toggle );
		expect( block().queryByText( TITLE ) ).not.toBeInTheDocument();
		await user.click( toggle );
		expect( block().getByText( TITLE ) ).toBeInTheDocument();
	} );

	it( 'shows the last preview with a spinner while the next one loads', () => {
		const { container } = render(
			<PreviewLoading>
				<p>Previous preview</p>
			</PreviewLoading>
		);
		expect(
			within( container ).getByText( 'Previous preview' )
		).toBeInTheDocument();
		expect(
			container.querySelector( '.components-spinner' )
		).not.toBeNull();
	} );

	it( 'shows the server error message (server-side-render 6.x)', () => {
		const { container } = render(
			<PreviewError message="Sorry, you are not allowed to do that." />
		);
		expect(
			within( container ).getByText(
				'The logged-out preview could not be loaded: Sorry, you are not allowed to do that.'
			)
		).toBeInTheDocument();
	} );

	it( 'shows the server error message (WordPress 6.8)', () => {
		const { container } = render(
			<PreviewError
				response={ { error: true, errorMsg: 'Invalid parameter.' } }
			/>
		);
		expect(
			within( container ).getByText(
				'The logged-out preview could not be loaded: Invalid parameter.'
			)
		).toBeInTheDocument();
	} );

	it( 'says so when the error has no message', () => {
		const { container } = render( <PreviewError /> );
		expect(
			within( container ).getByText(
				'The logged-out preview could not be loaded: Unknown error'
			)
		).toBeInTheDocument();
	} );

	it( 'explains an empty render', () => {
		const { container } = render( <PreviewEmpty /> );
		expect(
			within( container ).getByText(
				'The block shows nothing to logged-out visitors.'
			)
		).toBeInTheDocument();
	} );
} );

describe( 'caching control', () => {
	async function openCachingPanel(
		user: ReturnType< typeof userEvent.setup >
	) {
		await user.click(
			sidebar().getByRole( 'button', { name: 'Caching' } )
		);
		return sidebar().getByLabelText( 'Delivery' );
	}

	it( 'offers exactly the delivery modes block.json allows, inline first', async () => {
		const { user } = renderEdit();
		const options = within( await openCachingPanel( user ) ).getAllByRole(
			'option'
		);
		expect(
			options.map( ( option ) => option.getAttribute( 'value' ) )
		).toEqual( metadata.attributes.deliveryMode.enum );
		expect( metadata.attributes.deliveryMode.default ).toBe( 'inline' );
	} );

	it( 'switches to cache-proof delivery and explains it', async () => {
		const { setAttributes, user } = renderEdit();
		const select = await openCachingPanel( user );
		expect(
			sidebar().getByText( /keeps this page out of every cache/ )
		).toBeInTheDocument();

		await user.selectOptions( select, 'cache-proof' );

		expect( setAttributes ).toHaveBeenLastCalledWith( {
			deliveryMode: 'cache-proof',
		} );
		expect(
			sidebar().getByText( /page caches may keep it/ )
		).toBeInTheDocument();
	} );
} );
