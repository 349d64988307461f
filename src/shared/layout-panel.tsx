import { __ } from '@wordpress/i18n';
import {
	Notice,
	PanelBody,
	SelectControl,
	TextControl,
} from '@wordpress/components';

/** Helpdesky's `data-align`, the same for the Ticket Center and the Contact Form. */
export type ContentAlign = 'center' | 'left' | 'right';

/**
 * Same pattern as MAX_WIDTH_PATTERN in includes/signing.php, so the editor
 * warns about exactly the values the server will drop (zero widths included).
 */
export const MAX_WIDTH_PATTERN =
	/^(?!0+(?:\.0+)?(?:px|em|rem|%|vw|ch)$)\d{1,4}(?:\.\d{1,2})?(?:px|em|rem|%|vw|ch)$/;

export function isValidMaxWidth( value: string ): boolean {
	return value === '' || MAX_WIDTH_PATTERN.test( value );
}

type LayoutPanelProps = {
	contentAlign: ContentAlign;
	maxWidth: string;
	onChange: (
		change: { contentAlign: ContentAlign } | { maxWidth: string }
	) => void;
	/** Help under the width field: the block's own default width. */
	widthHelp: string;
	/** Shown while the width is invalid: which default applies instead. */
	invalidWidthNotice: string;
};

/**
 * The Layout panel both blocks share: alignment and maximum width of
 * Helpdesky's embed, with the same rules the server applies. Each block says
 * in its own words which default width applies.
 *
 * @param props                    The panel's values and texts.
 * @param props.contentAlign       The block's alignment attribute.
 * @param props.maxWidth           The block's width attribute, as typed.
 * @param props.onChange           Receives the changed attribute (setAttributes).
 * @param props.widthHelp          Help under the width field.
 * @param props.invalidWidthNotice Warning while the width is invalid.
 */
export function LayoutPanel( props: LayoutPanelProps ) {
	const { contentAlign, maxWidth, onChange, widthHelp, invalidWidthNotice } =
		props;
	const alignOptions: { label: string; value: ContentAlign }[] = [
		{ label: __( 'Center', 'helpdesky-block' ), value: 'center' },
		{ label: __( 'Left', 'helpdesky-block' ), value: 'left' },
		{ label: __( 'Right', 'helpdesky-block' ), value: 'right' },
	];

	return (
		<PanelBody title={ __( 'Layout', 'helpdesky-block' ) }>
			<SelectControl
				__next40pxDefaultSize
				__nextHasNoMarginBottom
				label={ __( 'Content alignment', 'helpdesky-block' ) }
				value={ contentAlign }
				options={ alignOptions }
				onChange={ ( value ) => onChange( { contentAlign: value } ) }
			/>
			<TextControl
				__next40pxDefaultSize
				__nextHasNoMarginBottom
				label={ __( 'Maximum width', 'helpdesky-block' ) }
				help={ widthHelp }
				value={ maxWidth }
				onChange={ ( value ) => onChange( { maxWidth: value } ) }
			/>
			{ ! isValidMaxWidth( maxWidth ) && (
				<Notice status="warning" isDismissible={ false }>
					{ invalidWidthNotice }
				</Notice>
			) }
		</PanelBody>
	);
}
