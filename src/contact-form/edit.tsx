import { __ } from '@wordpress/i18n';
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { Placeholder } from '@wordpress/components';

import { ConfigurationStatus } from '../shared/configuration-status';
import { LayoutPanel } from '../shared/layout-panel';
import type { Attributes, EditorStatus } from './types';

// Where the tests (and other modules) have always found them.
export { MAX_WIDTH_PATTERN, isValidMaxWidth } from '../shared/layout-panel';

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
					{ status && (
						<ConfigurationStatus
							classPrefix="helpdesky-contact-form-editor"
							helpdeskIdConfigured={ status.helpdeskIdConfigured }
							isComplete={
								status.helpdeskIdConfigured &&
								status.problems.length === 0
							}
							problems={ status.problems }
							settingsUrl={ status.settingsUrl }
						/>
					) }
				</Placeholder>
			</div>
		</>
	);
}
