import { __ } from '@wordpress/i18n';
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { ExternalLink, Placeholder } from '@wordpress/components';

import { LayoutPanel } from '../shared/layout-panel';
import type { Attributes, EditorStatus } from './types';

// Where the tests (and other modules) have always found them.
export { MAX_WIDTH_PATTERN, isValidMaxWidth } from '../shared/layout-panel';

const HTTP_URL = /^https?:\/\//i;

// Dashicon slug from block.json ("icon"); a test keeps the two in sync.
export const BLOCK_ICON = 'email-alt';

/**
 * Reads the Helpdesk ID part of the status PHP printed for the editor
 * (window.helpdeskyBlockEditor, see editor_data() in includes/namespace.php).
 * Anything unexpected, or a user without manage_options, yields null.
 *
 * @param source The raw global, of unknown shape.
 */
export function readEditorStatus( source: unknown ): EditorStatus | null {
	if ( typeof source !== 'object' || source === null ) {
		return null;
	}
	if (
		! ( 'canManageOptions' in source ) ||
		source.canManageOptions !== true ||
		! ( 'helpdeskIdConfigured' in source ) ||
		typeof source.helpdeskIdConfigured !== 'boolean' ||
		! ( 'helpdeskIdProblems' in source ) ||
		! Array.isArray( source.helpdeskIdProblems ) ||
		! ( 'settingsUrl' in source ) ||
		typeof source.settingsUrl !== 'string'
	) {
		return null;
	}
	const problems: string[] = [];
	for ( const problem of source.helpdeskIdProblems ) {
		if ( typeof problem !== 'string' ) {
			return null;
		}
		problems.push( problem );
	}
	return {
		helpdeskIdConfigured: source.helpdeskIdConfigured,
		problems,
		settingsUrl: source.settingsUrl,
	};
}

function ConfigurationStatus( { status }: { status: EditorStatus } ) {
	const isComplete =
		status.helpdeskIdConfigured && status.problems.length === 0;

	return (
		<div className="helpdesky-contact-form-editor__status">
			<p className="helpdesky-contact-form-editor__status-title">
				{ __(
					'Configuration (shown to administrators only)',
					'helpdesky-block'
				) }
			</p>
			<ul>
				<li>
					{ status.helpdeskIdConfigured
						? __( 'Helpdesk ID: configured', 'helpdesky-block' )
						: __( 'Helpdesk ID: missing', 'helpdesky-block' ) }
				</li>
			</ul>
			{ status.problems.length > 0 && (
				<ul className="helpdesky-contact-form-editor__problems">
					{ status.problems.map( ( problem, index ) => (
						<li key={ index }>{ problem }</li>
					) ) }
				</ul>
			) }
			{ ! isComplete && HTTP_URL.test( status.settingsUrl ) && (
				// A new tab, so following the link cannot lose unsaved edits.
				<ExternalLink href={ status.settingsUrl }>
					{ __( 'Open the Helpdesky settings', 'helpdesky-block' ) }
				</ExternalLink>
			) }
		</div>
	);
}

export default function Edit( {
	attributes,
	setAttributes,
}: BlockEditProps< Attributes > ) {
	const { contentAlign, maxWidth } = attributes;
	const blockProps = useBlockProps();
	const status = readEditorStatus( window.helpdeskyBlockEditor );

	return (
		<>
			<InspectorControls>
				<LayoutPanel
					contentAlign={ contentAlign }
					maxWidth={ maxWidth }
					onChange={ setAttributes }
					widthHelp={ __(
						'A number with a unit: px, em, rem, %, vw or ch, for example 560px. Leave empty for the Contact Form default.',
						'helpdesky-block'
					) }
					invalidWidthNotice={ __(
						'This width is not valid and will be ignored; the Contact Form default width is used instead.',
						'helpdesky-block'
					) }
				/>
			</InspectorControls>
			<div { ...blockProps }>
				<Placeholder
					icon={ BLOCK_ICON }
					label={ __( 'Helpdesky Contact Form', 'helpdesky-block' ) }
					instructions={ __(
						'Visitors can send your team a message here. The live form only runs on the published page.',
						'helpdesky-block'
					) }
					isColumnLayout
				>
					{ status && <ConfigurationStatus status={ status } /> }
				</Placeholder>
			</div>
		</>
	);
}
