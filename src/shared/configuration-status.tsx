import { __ } from '@wordpress/i18n';
import { ExternalLink } from '@wordpress/components';

const HTTP_URL = /^https?:\/\//i;

type ConfigurationStatusProps = {
	/** The block's editor class prefix, e.g. helpdesky-ticket-center-editor. */
	classPrefix: string;
	/** Whether the Helpdesk ID is set (both blocks need it). */
	helpdeskIdConfigured: boolean;
	/** Further status lines of the block's own (the Ticket Center's secret). */
	extraLines?: string[];
	/** Everything that is complete: no settings link then. */
	isComplete: boolean;
	problems: string[];
	settingsUrl: string;
};

/**
 * The configuration box both blocks' placeholders show administrators:
 * status lines, the problems the server reported, and a link to the settings
 * while something is missing. Booleans and messages only, never the secret.
 *
 * @param props The status to show.
 */
export function ConfigurationStatus( props: ConfigurationStatusProps ) {
	const {
		classPrefix,
		helpdeskIdConfigured,
		extraLines = [],
		isComplete,
		problems,
		settingsUrl,
	} = props;

	return (
		<div className={ `${ classPrefix }__status` }>
			<p className={ `${ classPrefix }__status-title` }>
				{ __(
					'Configuration (shown to administrators only)',
					'helpdesky-block'
				) }
			</p>
			<ul>
				<li>
					{ helpdeskIdConfigured
						? __( 'Helpdesk ID: configured', 'helpdesky-block' )
						: __( 'Helpdesk ID: missing', 'helpdesky-block' ) }
				</li>
				{ extraLines.map( ( line ) => (
					<li key={ line }>{ line }</li>
				) ) }
			</ul>
			{ problems.length > 0 && (
				<ul className={ `${ classPrefix }__problems` }>
					{ problems.map( ( problem, index ) => (
						<li key={ index }>{ problem }</li>
					) ) }
				</ul>
			) }
			{ ! isComplete && HTTP_URL.test( settingsUrl ) && (
				// A new tab, so following the link cannot lose unsaved edits.
				<ExternalLink href={ settingsUrl }>
					{ __( 'Open the Helpdesky settings', 'helpdesky-block' ) }
				</ExternalLink>
			) }
		</div>
	);
}
