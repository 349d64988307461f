import type { ReactNode } from 'react';
import { __, sprintf } from '@wordpress/i18n';
import { useState } from '@wordpress/element';
import { useDisabled } from '@wordpress/compose';
import {
	InspectorControls,
	useBlockEditingMode,
	useBlockProps,
} from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import {
	Notice,
	PanelBody,
	Placeholder,
	SelectControl,
	Spinner,
	TextareaControl,
	ToggleControl,
} from '@wordpress/components';
// The default export is the only form WordPress 6.8's wp.serverSideRender
// global provides; the named export appeared later.
import ServerSideRender from '@wordpress/server-side-render';

import { ConfigurationStatus } from '../shared/configuration-status';
import { LayoutPanel } from '../shared/layout-panel';
import metadata from './block.json';
import type {
	Attributes,
	DeliveryMode,
	EditorStatus,
	LoggedOutShows,
} from './types';

// Where the tests (and other modules) have always found them.
export { MAX_WIDTH_PATTERN, isValidMaxWidth } from '../shared/layout-panel';

// Module-level so the object keeps its identity between renders and does
// not look like a changed request to ServerSideRender.
export const LOGGED_OUT_PREVIEW_QUERY_ARGS = {
	helpdesky_block_preview: 'logged-out',
} as const;

// Dashicon slug from block.json ("icon"). Spelled out because the JSON import
// types it as a plain string, which Placeholder does not accept; a test keeps
// the two in sync.
export const BLOCK_ICON = 'sos';

/**
 * Reads the status PHP printed for this editor.
 *
 * Anything unexpected yields null: a wrong or missing status must never be
 * presented as "configured" or "missing", and users without
 * manage_options get nothing even if the data were there.
 *
 * @param source The raw global, of unknown shape.
 */
export function readEditorStatus( source: unknown ): EditorStatus | null {
	if ( typeof source !== 'object' || source === null ) {
		return null;
	}
	if (
		! ( 'canManageOptions' in source ) ||
		source.canManageOptions !== true
	) {
		return null;
	}
	if (
		! ( 'helpdeskIdConfigured' in source ) ||
		typeof source.helpdeskIdConfigured !== 'boolean' ||
		! ( 'secretConfigured' in source ) ||
		typeof source.secretConfigured !== 'boolean' ||
		! ( 'problems' in source ) ||
		! Array.isArray( source.problems ) ||
		! ( 'settingsUrl' in source ) ||
		typeof source.settingsUrl !== 'string'
	) {
		return null;
	}
	const problems: string[] = [];
	for ( const problem of source.problems ) {
		if ( typeof problem !== 'string' ) {
			return null;
		}
		problems.push( problem );
	}
	return {
		helpdeskIdConfigured: source.helpdeskIdConfigured,
		secretConfigured: source.secretConfigured,
		problems,
		settingsUrl: source.settingsUrl,
	};
}

export function PreviewLoading( { children }: { children?: ReactNode } ) {
	return (
		<div className="helpdesky-ticket-center-editor__preview-loading">
			<Spinner />
			{ children }
		</div>
	);
}

type PreviewErrorProps = {
	// @wordpress/server-side-render 6.x passes the message directly…
	message?: string;
	// …while WordPress 6.8 ships 5.x, which passes { errorMsg }.
	response?: unknown;
};

function errorMessageOf( { message, response }: PreviewErrorProps ): string {
	if ( message ) {
		return message;
	}
	if (
		typeof response === 'object' &&
		response !== null &&
		'errorMsg' in response &&
		typeof response.errorMsg === 'string' &&
		response.errorMsg !== ''
	) {
		return response.errorMsg;
	}
	return __( 'Unknown error', 'helpdesky-block' );
}

export function PreviewError( props: PreviewErrorProps ) {
	return (
		<Notice status="error" isDismissible={ false }>
			{ sprintf(
				/* translators: %s: error message returned by the server. */
				__(
					'The logged-out preview could not be loaded: %s',
					'helpdesky-block'
				),
				errorMessageOf( props )
			) }
		</Notice>
	);
}

export function PreviewEmpty() {
	return (
		<Notice status="info" isDismissible={ false }>
			{ __(
				'The block shows nothing to logged-out visitors.',
				'helpdesky-block'
			) }
		</Notice>
	);
}

function LoggedOutPreview( { attributes }: { attributes: Attributes } ) {
	// The preview is markup from the server; visitors' links (such as the
	// login link) must not navigate away from the editor.
	const disabledRef = useDisabled();
	return (
		<div
			ref={ disabledRef }
			className="helpdesky-ticket-center-editor__preview"
		>
			<ServerSideRender
				block={ metadata.name }
				attributes={ attributes }
				urlQueryArgs={ LOGGED_OUT_PREVIEW_QUERY_ARGS }
				// The editor wrapper already applies supports such as margin.
				skipBlockSupportAttributes
				LoadingResponsePlaceholder={ PreviewLoading }
				ErrorResponsePlaceholder={ PreviewError }
				EmptyResponsePlaceholder={ PreviewEmpty }
			/>
		</div>
	);
}

export default function Edit( {
	attributes,
	setAttributes,
}: BlockEditProps< Attributes > ) {
	const {
		contentAlign,
		maxWidth,
		loggedOutMessage,
		showLoginLink,
		loggedOutShows,
		deliveryMode,
	} = attributes;
	// Editor-only: whether to preview is a choice of the person editing,
	// not part of the saved block.
	const [ isPreviewingLoggedOut, setPreviewingLoggedOut ] = useState( false );
	const blockProps = useBlockProps();
	const status = readEditorStatus( window.helpdeskyBlockEditor );
	// Inside a pattern, WordPress 7.0+ edits blocks "content only": the
	// sidebar shows just the content group, for the attributes block.json
	// gives "role": "content". The logged-out prompt is content; layout and
	// delivery stay behind "Edit pattern". WordPress 6.8 has no content group
	// and shows no controls to contentOnly blocks at all, so elsewhere the
	// panel stays where it always was, next to the others.
	const contentGroup =
		useBlockEditingMode() === 'contentOnly' ? 'content' : 'default';

	const loggedOutOptions: { label: string; value: LoggedOutShows }[] = [
		{ label: __( 'Login prompt', 'helpdesky-block' ), value: 'prompt' },
		{ label: __( 'Contact Form', 'helpdesky-block' ), value: 'form' },
		{
			label: __( 'Login prompt and Contact Form', 'helpdesky-block' ),
			value: 'both',
		},
	];

	const deliveryOptions: { label: string; value: DeliveryMode }[] = [
		{
			label: __( 'In the page (never cached)', 'helpdesky-block' ),
			value: 'inline',
		},
		{
			label: __( 'Cache-proof (page may be cached)', 'helpdesky-block' ),
			value: 'cache-proof',
		},
	];

	return (
		<>
			<InspectorControls>
				<LayoutPanel
					contentAlign={ contentAlign }
					maxWidth={ maxWidth }
					onChange={ setAttributes }
					widthHelp={ __(
						'A number with a unit: px, em, rem, %, vw or ch, for example 864px. Leave empty for the Ticket Center default.',
						'helpdesky-block'
					) }
					invalidWidthNotice={ __(
						'This width is not valid and will be ignored; the Ticket Center default width is used instead.',
						'helpdesky-block'
					) }
				/>
			</InspectorControls>
			<InspectorControls group={ contentGroup }>
				<PanelBody
					title={ __( 'Logged-out visitors', 'helpdesky-block' ) }
				>
					<SelectControl
						__next40pxDefaultSize
						__nextHasNoMarginBottom
						label={ __( 'Show', 'helpdesky-block' ) }
						help={ __(
							'The Contact Form lets visitors write to your team without an account. It needs only the Helpdesk ID.',
							'helpdesky-block'
						) }
						value={ loggedOutShows }
						options={ loggedOutOptions }
						onChange={ ( value ) =>
							setAttributes( { loggedOutShows: value } )
						}
					/>
					<TextareaControl
						__nextHasNoMarginBottom
						label={ __( 'Message', 'helpdesky-block' ) }
						help={ __(
							'Shown instead of the Ticket Center to visitors who are not signed in. Leave empty for the default message.',
							'helpdesky-block'
						) }
						placeholder={ __(
							'Please log in to see your support conversations.',
							'helpdesky-block'
						) }
						value={ loggedOutMessage }
						onChange={ ( value ) =>
							setAttributes( { loggedOutMessage: value } )
						}
					/>
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __( 'Show a login link', 'helpdesky-block' ) }
						checked={ showLoginLink }
						onChange={ ( value ) =>
							setAttributes( { showLoginLink: value } )
						}
					/>
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __(
							'Preview as a logged-out visitor',
							'helpdesky-block'
						) }
						help={ __(
							'Only changes what you see in the editor; it is not saved.',
							'helpdesky-block'
						) }
						checked={ isPreviewingLoggedOut }
						onChange={ setPreviewingLoggedOut }
					/>
				</PanelBody>
			</InspectorControls>
			<InspectorControls>
				<PanelBody
					title={ __( 'Caching', 'helpdesky-block' ) }
					initialOpen={ false }
				>
					<SelectControl
						__next40pxDefaultSize
						__nextHasNoMarginBottom
						label={ __( 'Delivery', 'helpdesky-block' ) }
						value={ deliveryMode }
						options={ deliveryOptions }
						onChange={ ( value ) =>
							setAttributes( { deliveryMode: value } )
						}
						help={
							deliveryMode === 'cache-proof'
								? __(
										"The page is the same for every visitor and page caches may keep it. A small script then loads each signed-in visitor's Ticket Center from your site. Use this when your cache or CDN stores pages for signed-in users.",
										'helpdesky-block'
									)
								: __(
										'The Ticket Center is part of the page, so the plugin keeps this page out of every cache, for everyone.',
										'helpdesky-block'
									)
						}
					/>
				</PanelBody>
			</InspectorControls>
			<div { ...blockProps }>
				{ isPreviewingLoggedOut ? (
					<LoggedOutPreview attributes={ attributes } />
				) : (
					<Placeholder
						icon={ BLOCK_ICON }
						label={ __(
							'Helpdesky Ticket Center',
							'helpdesky-block'
						) }
						instructions={ __(
							'Signed-in users see their support conversations here. The live Ticket Center only runs on the published page.',
							'helpdesky-block'
						) }
						isColumnLayout
					>
						{ status && (
							<ConfigurationStatus
								classPrefix="helpdesky-ticket-center-editor"
								helpdeskIdConfigured={
									status.helpdeskIdConfigured
								}
								extraLines={ [
									status.secretConfigured
										? __(
												'HMAC secret: configured',
												'helpdesky-block'
											)
										: __(
												'HMAC secret: missing',
												'helpdesky-block'
											),
								] }
								isComplete={
									status.helpdeskIdConfigured &&
									status.secretConfigured &&
									status.problems.length === 0
								}
								problems={ status.problems }
								settingsUrl={ status.settingsUrl }
							/>
						) }
					</Placeholder>
				) }
			</div>
		</>
	);
}
